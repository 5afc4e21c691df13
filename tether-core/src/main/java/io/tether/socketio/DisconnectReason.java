package io.tether.socketio;

/**
 * Why a socket disconnected; {@link #wireName()} is Node's name for it ({@code "transport close"}, ...).
 *
 * <pre>{@code
 * socket.onDisconnect(reason -> {
 *     if (reason == DisconnectReason.PING_TIMEOUT) log.info("{} went silent", socket.id());
 * });
 * }</pre>
 */
public enum DisconnectReason {
    /** The client's connection closed. */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed (e.g. a second concurrent poll, or an oversized payload). */
    TRANSPORT_ERROR("transport error"),
    /** The client did not answer a ping in time. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent a packet that does not follow the protocol. */
    PARSE_ERROR("parse error"),
    /** The server called {@link Socket#disconnect}. */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
    /** The client left the namespace. */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server is stopping. */
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The server closed the underlying connection. */
    FORCED_CLOSE("forced close"),
    /** The client sent a packet that makes no sense in its state (e.g. an event before joining). */
    FORCED_SERVER_CLOSE("forced server close");

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    /** Node's name for this reason, as its clients and adapters know it. */
    public String wireName() {
        return wireName;
    }

    /**
     * The reason of this wire name.
     *
     * @throws IllegalArgumentException if no reason has this name
     */
    public static DisconnectReason fromWireName(String wireName) {
        for (DisconnectReason reason : values()) {
            if (reason.wireName.equals(wireName)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("no disconnect reason is named \"" + wireName + "\"");
    }

    /** The wire name, so that logs read as Node's. */
    @Override
    public String toString() {
        return wireName;
    }
}
