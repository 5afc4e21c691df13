package io.tether.socketio;

/**
 * Connection state recovery, as in socket.io 4.6: a client that comes back within
 * {@code maxDisconnectionDuration} gets its socket id, rooms and data back, and the broadcasts it missed.
 *
 * <pre>{@code
 * SocketIoOptions.builder().connectionStateRecovery(ConnectionStateRecovery.of(Duration.ofMinutes(2)))
 * }</pre>
 *
 * @param maxDisconnectionDuration how long, in milliseconds, a disconnected socket's state is kept
 * @param skipMiddlewares whether a recovered socket skips the namespace middlewares
 */
public record ConnectionStateRecovery(long maxDisconnectionDuration, boolean skipMiddlewares) {
    public ConnectionStateRecovery {
        if (maxDisconnectionDuration <= 0) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive");
        }
    }

    /** Recovery within this duration; recovered sockets skip the middlewares, as Node's default. */
    public static ConnectionStateRecovery of(java.time.Duration maxDisconnectionDuration) {
        return new ConnectionStateRecovery(maxDisconnectionDuration.toMillis(), true);
    }
}
