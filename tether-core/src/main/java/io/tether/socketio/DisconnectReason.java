package io.tether.socketio;

/** Why a socket disconnected, with Node's names. */
public final class DisconnectReason {
    /** The client's connection closed. */
    public static final String TRANSPORT_CLOSE = "transport close";
    /** The connection failed (e.g. a second concurrent poll, or an oversized payload). */
    public static final String TRANSPORT_ERROR = "transport error";
    /** The client did not answer a ping in time. */
    public static final String PING_TIMEOUT = "ping timeout";
    /** The client sent a packet that does not follow the protocol. */
    public static final String PARSE_ERROR = "parse error";
    /** The server called {@link Socket#disconnect}. */
    public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";
    /** The client left the namespace. */
    public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";
    /** The server is stopping. */
    public static final String SERVER_SHUTTING_DOWN = "server shutting down";
    /** The server closed the underlying connection. */
    public static final String FORCED_CLOSE = "forced close";
    /** The client sent a packet that makes no sense in its state (e.g. an event before joining). */
    public static final String FORCED_SERVER_CLOSE = "forced server close";

    private DisconnectReason() {}
}
