/** Redis for Tether clusters: {@code RedisAdapter} (on the adapter SPI) and {@code RedisEmitter}. */
module io.tether.redis {
    requires transitive io.tether.core;
    requires jackson.dataformat.msgpack;
    requires lettuce.core;
    requires org.slf4j;

    exports io.tether.redis;
}
