package io.tether.socketio;

/**
 * Runs for every event a socket receives, before its handlers, and may stop it; a stopped event reaches the
 * socket's error listeners instead. Call {@code next} before returning to keep the socket's events in order.
 *
 * <pre>{@code
 * socket.use((event, args, next) -> {
 *     if (isAllowed(socket, event)) next.accept();
 *     else next.reject(new IllegalStateException("unauthorized event " + event));
 * });
 * }</pre>
 */
@FunctionalInterface
public interface PacketMiddleware {
    void handle(String event, EventArgs args, Next next) throws Exception;

    /** Continues or stops the event. Call one method once. */
    interface Next {
        void accept();

        void reject(Exception error);
    }
}
