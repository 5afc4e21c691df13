package io.tether.engine.spi;

import io.tether.engine.EnginePacket;
import io.tether.engine.TransportType;
import java.util.List;

/**
 * One way packets travel between a session and its client: HTTP long-polling or a WebSocket. A network layer
 * implements its WebSocket transports; the polling transport is complete in core and reached through
 * {@link TransportSession#polling()}. All methods are called on the session's loop.
 */
public interface Transport {
    /** Polling or WebSocket. */
    TransportType type();

    /** Whether {@link #send} may be called now (a polling transport needs a pending GET). */
    boolean writable();

    /** Whether the connection is backed up, so that volatile packets should be dropped rather than queued. */
    default boolean congested() {
        return false;
    }

    /** Writes packets to the client, in order. */
    void send(List<EnginePacket> packets);

    /** Closes the transport at the server's initiative. */
    void close();
}
