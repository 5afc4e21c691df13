package io.tether.engine;

import java.util.Optional;

/** The ways an Engine.IO session carries packets, each with the name it has on the wire. */
public enum TransportType {
    /** HTTP long-polling: a GET waits for packets, a POST delivers them. */
    POLLING("polling"),
    /** One WebSocket connection. */
    WEBSOCKET("websocket");

    private final String wireName;

    TransportType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the {@code transport} query parameter and the handshake's {@code upgrades}. */
    public String wireName() {
        return wireName;
    }

    /** The transport a query parameter names, or empty for an unknown or missing name. */
    public static Optional<TransportType> fromWireName(String name) {
        if (POLLING.wireName.equals(name)) {
            return Optional.of(POLLING);
        }
        if (WEBSOCKET.wireName.equals(name)) {
            return Optional.of(WEBSOCKET);
        }
        return Optional.empty();
    }
}
