/**
 * Redis for a cluster of Socket.IO servers, wire-compatible with Node's {@code @socket.io/redis-adapter} (classic
 * pub/sub) and {@code @socket.io/redis-emitter}: {@link io.tether.redis.RedisAdapter}, a cluster adapter built on
 * the adapter SPI ({@code io.tether.socketio.adapter}) that only maps cluster messages to the Redis wire format, and
 * {@link io.tether.redis.RedisEmitter}, which emits from any process without a server. The codecs are
 * package-private. Depends on tether-core's API and adapter SPI, Lettuce and msgpack; nothing depends on it but
 * applications.
 */
package io.tether.redis;
