package io.tether.socketio;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection state recovery, as in socket.io 4.6: a client that comes back within
 * {@code maxDisconnectionDuration} gets its socket id, rooms and data back, and the broadcasts it missed.
 *
 * <pre>{@code
 * SocketIoOptions.builder().connectionStateRecovery(ConnectionStateRecovery.of(Duration.ofMinutes(2)))
 * }</pre>
 *
 * @param maxDisconnectionDuration how long a disconnected socket's state is kept; zero when recovery is off
 * @param skipMiddlewares whether a recovered socket skips the namespace middlewares
 */
public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {
    private static final ConnectionStateRecovery DISABLED = new ConnectionStateRecovery(Duration.ZERO, true);

    public ConnectionStateRecovery {
        Objects.requireNonNull(maxDisconnectionDuration, "maxDisconnectionDuration");
        if (maxDisconnectionDuration.isNegative()) {
            throw new IllegalArgumentException("maxDisconnectionDuration must not be negative");
        }
    }

    /** No recovery: a client that reconnects gets a new socket. The default. */
    public static ConnectionStateRecovery disabled() {
        return DISABLED;
    }

    /** Recovery within this duration; recovered sockets skip the middlewares, as Node's default. */
    public static ConnectionStateRecovery of(Duration maxDisconnectionDuration) {
        return builder().maxDisconnectionDuration(maxDisconnectionDuration).build();
    }

    /** A builder starting from recovery within two minutes, Node's default when recovery is on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxDisconnectionDuration = maxDisconnectionDuration;
        b.skipMiddlewares = skipMiddlewares;
        return b;
    }

    /** Whether disconnected sockets are kept for recovery at all. */
    public boolean enabled() {
        return !maxDisconnectionDuration.isZero();
    }

    /** Builds {@link ConnectionStateRecovery}. */
    public static final class Builder {
        private Duration maxDisconnectionDuration = Duration.ofMinutes(2);
        private boolean skipMiddlewares = true;

        private Builder() {}

        /** How long a disconnected socket's state is kept, two minutes by default. */
        public Builder maxDisconnectionDuration(Duration duration) {
            this.maxDisconnectionDuration = duration;
            return this;
        }

        /** Whether a recovered socket skips the namespace middlewares; it does by default. */
        public Builder skipMiddlewares(boolean skip) {
            this.skipMiddlewares = skip;
            return this;
        }

        public ConnectionStateRecovery build() {
            return new ConnectionStateRecovery(maxDisconnectionDuration, skipMiddlewares);
        }
    }
}
