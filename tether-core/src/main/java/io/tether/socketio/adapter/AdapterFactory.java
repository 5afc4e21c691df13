package io.tether.socketio.adapter;

/**
 * Creates the adapter of each namespace, given to {@code SocketIoOptions.Builder.adapter}.
 *
 * <pre>{@code
 * SocketIoOptions.builder().adapter(InMemoryAdapter::new).build();
 * }</pre>
 */
@FunctionalInterface
public interface AdapterFactory {
    /** The adapter of the namespace this context serves. */
    Adapter create(AdapterContext context);
}
