/** The standalone Netty server for Tether: {@code TetherServer}. It reaches core through the transport SPI only. */
module io.tether.netty {
    requires transitive io.tether.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;

    exports io.tether.netty;
}
