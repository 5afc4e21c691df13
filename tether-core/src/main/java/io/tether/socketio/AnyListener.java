package io.tether.socketio;

/**
 * Sees every event a socket receives ({@code onAny}) or sends ({@code onAnyOutgoing}).
 *
 * <pre>{@code
 * socket.onAny((event, args) -> log.info("{} <- {} {}", socket.id(), event, args));
 * }</pre>
 */
@FunctionalInterface
public interface AnyListener {
    void onEvent(String event, EventArgs args) throws Exception;
}
