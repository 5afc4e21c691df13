package io.tether.socketio;

/**
 * Handles one event from a client.
 *
 * <pre>{@code
 * socket.on("echo", (args, ack) -> ack.send(args.toArray()));
 * }</pre>
 */
@FunctionalInterface
public interface EventHandler {
    /**
     * @param args the event's arguments
     * @param ack answers the client when it asked for an acknowledgement; does nothing otherwise
     */
    void handle(EventArgs args, Ack ack) throws Exception;
}
