package io.tether.socketio;

/**
 * Told when a socket joins or leaves a room whose name matches a pattern (django-socketio's subscribe and
 * unsubscribe hooks).
 *
 * <pre>{@code
 * io.sockets().onJoin(Pattern.compile("^game-"), (socket, room) -> io.to(room).emit("player", socket.id()));
 * }</pre>
 */
@FunctionalInterface
public interface RoomHook {
    void handle(Socket socket, String room) throws Exception;
}
