package io.tether.socketio;

import java.util.List;

/**
 * An acknowledgement that never came: the timeout passed or the socket disconnected. Cluster requests
 * ({@code fetchSockets}, {@code serverSideEmitWithAck}) that other nodes do not all answer in time fail with it too.
 */
public final class AckException extends RuntimeException {
    private final transient List<?> received;

    AckException(String message) {
        this(message, List.of());
    }

    private AckException(String message, List<?> received) {
        super(message);
        this.received = List.copyOf(received);
    }

    /** For adapters: answers from other nodes that did not all come in time; {@code received} are those that did. */
    public static AckException timeout(String message, List<?> received) {
        return new AckException(message, received);
    }

    /** For adapters: answers from other nodes that did not all come in time. */
    public static AckException timeout(String message) {
        return new AckException(message);
    }

    static AckException timeout() {
        return new AckException("operation has timed out");
    }

    static AckException disconnected() {
        return new AckException("socket has been disconnected");
    }

    /** The answers that came before the timeout, when the operation collects several; empty otherwise. */
    public List<?> received() {
        return received;
    }
}
