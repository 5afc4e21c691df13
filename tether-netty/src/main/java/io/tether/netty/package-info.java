/**
 * The standalone network layer: {@link io.tether.netty.TetherServer} serves a Socket.IO server (and static files)
 * over HTTP long-polling and WebSocket on Netty. Everything here but {@code TetherServer} is package-private; it
 * reaches tether-core only through the API packages and the transport SPI ({@code io.tether.engine.spi}), the
 * same door a Servlet transport uses. Applications depend on this package; nothing in Tether's core does.
 */
package io.tether.netty;
