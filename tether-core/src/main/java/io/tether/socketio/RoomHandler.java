package io.tether.socketio;

/**
 * Handles an event sent by a socket that is in a room matching a pattern (django-socketio's handlers bound
 * to channel patterns); it runs once for each matching room the sender is in.
 *
 * <pre>{@code
 * io.sockets().onEventInRooms(Pattern.compile("^chat-"), "message",
 *         (socket, room, args, ack) -> io.to(room).emit("message", args.get(0)));
 * }</pre>
 */
@FunctionalInterface
public interface RoomHandler {
    void handle(Socket socket, String room, EventArgs args, Ack ack) throws Exception;
}
