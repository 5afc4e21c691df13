package io.tether.engine;

/** Input that does not follow the Engine.IO protocol. */
public final class EngineProtocolException extends RuntimeException {
    public EngineProtocolException(String message) {
        super(message);
    }

    public EngineProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
