package io.tether.socketio;

/**
 * Runs before a socket joins a namespace and may refuse it; the client then receives a CONNECT_ERROR
 * with the message and data.
 *
 * <pre>{@code
 * io.of("/admin").use((socket, next) -> {
 *     if (isAdmin(socket.handshake().auth())) next.accept();
 *     else next.reject("not authorized", Map.of("hint", "log in first"));
 * });
 * }</pre>
 */
@FunctionalInterface
public interface NamespaceMiddleware {
    void handle(Socket socket, Next next) throws Exception;

    /** Continues or stops the middleware chain. Call exactly one method once, from any thread. */
    interface Next {
        /** Lets the socket through to the next middleware, then the namespace. */
        void accept();

        /** Refuses the socket with a message. */
        default void reject(String message) {
            reject(message, null);
        }

        /** Refuses the socket with a message and data the client receives with it. */
        void reject(String message, Object data);
    }
}
