package io.tether.socketio;

/** Input that does not follow the Socket.IO protocol. */
public final class SocketIoProtocolException extends RuntimeException {
    public SocketIoProtocolException(String message) {
        super(message);
    }

    public SocketIoProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
