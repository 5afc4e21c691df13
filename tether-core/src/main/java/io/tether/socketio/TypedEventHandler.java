package io.tether.socketio;

/**
 * Handles an event whose first argument is bound to a Java type, and may acknowledge it.
 *
 * <pre>{@code
 * socket.on("save", Order.class, (order, ack) -> ack.send(repository.save(order)));
 * }</pre>
 */
@FunctionalInterface
public interface TypedEventHandler<T> {
    void handle(T payload, Ack ack) throws Exception;
}
