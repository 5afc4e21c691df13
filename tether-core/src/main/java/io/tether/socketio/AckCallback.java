package io.tether.socketio;

/**
 * Receives a client's acknowledgement of an event the server emitted: pass it to
 * {@link Socket#emit(String, AckCallback, Object...)}, before the event's arguments.
 *
 * <pre>{@code
 * socket.timeout(5_000).emit("question", (error, answer) -> {
 *     if (error != null) log.warn("no answer: {}", error.getMessage());
 *     else log.info("answer: {}", answer.get(0));
 * }, "ready?");
 * }</pre>
 */
@FunctionalInterface
public interface AckCallback {
    /**
     * @param error null on success; an {@link AckException} when the timeout passed or the socket disconnected
     * @param args the client's answer, or null on error
     */
    void onAck(AckException error, EventArgs args);
}
