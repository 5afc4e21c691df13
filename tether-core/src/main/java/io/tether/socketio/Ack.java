package io.tether.socketio;

/**
 * Answers a client's event that asked for an acknowledgement. Only the first call sends anything.
 *
 * <pre>{@code
 * socket.on("save", (args, ack) -> ack.send(Map.of("ok", true)));
 * }</pre>
 */
public interface Ack {
    /** Sends the acknowledgement with these arguments. */
    void send(Object... args);

    /** Whether the client asked for an acknowledgement. */
    boolean requested();
}
