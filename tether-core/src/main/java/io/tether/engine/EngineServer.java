package io.tether.engine;

import io.tether.engine.internal.RealTransportServer;
import io.tether.engine.spi.TransportServer;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An Engine.IO server without network code: it opens sessions and keeps them by id. A network layer
 * ({@code tether-netty}) feeds it HTTP requests and WebSocket frames through {@link #transports()}.
 *
 * <pre>{@code
 * EngineServer engine = EngineServer.create(EngineOptions.defaults());
 * engine.onConnection(session -> session.onMessage(session::send));   // an echo server
 * }</pre>
 */
public final class EngineServer {
    private final RealTransportServer transports;

    private EngineServer(EngineOptions options) {
        this.transports = new RealTransportServer(Objects.requireNonNull(options, "options"));
    }

    /** A server with the given settings. */
    public static EngineServer create(EngineOptions options) {
        return new EngineServer(options);
    }

    /** The server's settings. */
    public EngineOptions options() {
        return transports.options();
    }

    /** Adds a listener told of every new session, on that session's loop, before its first flush. */
    public void onConnection(Consumer<EngineSession> listener) {
        transports.onConnection(listener);
    }

    /** The open session with this id, or null. */
    public EngineSession session(String sid) {
        return transports.find(sid);
    }

    /** The open sessions. */
    public Collection<EngineSession> sessions() {
        return transports.sessions();
    }

    /** How many sessions are open. */
    public int clientsCount() {
        return transports.clientsCount();
    }

    /** Closes every session. */
    public void close() {
        transports.close();
    }

    /** This server as the transport SPI sees it: for network layers such as tether-netty and a servlet transport. */
    public TransportServer transports() {
        return transports;
    }
}
