package io.tether.socketio;

import java.util.List;

/**
 * Receives the acknowledgements of a broadcast: pass it to
 * {@link BroadcastOperator#emit(String, BroadcastAckCallback, Object...)}, before the event's arguments.
 *
 * <pre>{@code
 * io.timeout(5_000).emit("poll", (error, answers) ->
 *         log.info("{} answered{}", answers.size(), error != null ? " before the timeout" : ""), "ready?");
 * }</pre>
 */
@FunctionalInterface
public interface BroadcastAckCallback {
    /**
     * @param error null when every socket answered; an {@link AckException} when the timeout passed first
     * @param responses the answers received, one per socket
     */
    void onAcks(AckException error, List<EventArgs> responses);
}
