/**
 * The transport SPI: what a network layer (tether-netty, a servlet transport) uses to carry Engine.IO sessions,
 * and nothing else. A network layer gets a {@link io.tether.engine.spi.TransportServer} from
 * {@link io.tether.engine.EngineServer#transports()}, checks and opens sessions with it, implements
 * {@link io.tether.engine.spi.Transport} for its WebSockets and hands every packet, close and error to the
 * {@link io.tether.engine.spi.TransportSession}. Depends only on {@code io.tether.engine}; applications do not
 * need it.
 */
package io.tether.engine.spi;
