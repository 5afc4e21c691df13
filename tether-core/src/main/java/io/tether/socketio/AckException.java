package io.tether.socketio;

/** An acknowledgement that never came: the timeout passed or the socket disconnected. */
public final class AckException extends RuntimeException {
    AckException(String message) {
        super(message);
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
}
