package io.tether.socketio;

/**
 * Handles an event whose first argument is bound to a Java type.
 *
 * <pre>{@code
 * record JoinRequest(String room) { }
 * socket.on("join", JoinRequest.class, req -> socket.join(req.room()));
 * }</pre>
 */
@FunctionalInterface
public interface EventConsumer<T> {
    void accept(T payload) throws Exception;
}
