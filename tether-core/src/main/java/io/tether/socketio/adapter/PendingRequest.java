package io.tether.socketio.adapter;

import io.tether.socketio.AckException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request to the other nodes of a cluster waiting for their answers: it completes with them once as many came
 * as expected, or fails with an {@link AckException} holding those that came when it expires first. Answers that
 * come after that, or of another type, are ignored. Thread-safe.
 */
final class PendingRequest {
    private final String id;
    private final ClusterResponse.Type answerType;
    private final long expected;
    private final Consumer<ClusterResponse> onAnswer;
    private final List<ClusterResponse> received = new ArrayList<>();
    private final CompletableFuture<List<ClusterResponse>> result = new CompletableFuture<>();
    private boolean done;

    /**
     * @param onAnswer told of each accepted answer, in order, before the request can complete with it
     */
    PendingRequest(String id, ClusterResponse.Type answerType, long expected, Consumer<ClusterResponse> onAnswer) {
        if (expected < 1) {
            throw new IllegalArgumentException("a request expects at least one answer");
        }
        this.id = id;
        this.answerType = answerType;
        this.expected = expected;
        this.onAnswer = onAnswer;
    }

    String id() {
        return id;
    }

    /** Completes with every answer, in arrival order; fails with an {@link AckException} on expiry. */
    CompletableFuture<List<ClusterResponse>> result() {
        return result;
    }

    /** The answers so far. */
    synchronized List<ClusterResponse> received() {
        return List.copyOf(received);
    }

    /** Takes an answer; false when it is of another type or comes too late. */
    boolean offer(ClusterResponse answer) {
        if (answer.type() != answerType || !answer.requestId().equals(id)) {
            return false;
        }
        List<ClusterResponse> all;
        synchronized (this) {
            if (done) {
                return false;
            }
            received.add(answer);
            if (onAnswer != null) {
                onAnswer.accept(answer);
            }
            if (received.size() < expected) {
                return true;
            }
            done = true;
            all = List.copyOf(received);
        }
        result.complete(all);
        return true;
    }

    /** The time is up: fails with the answers that came, unless all came already. */
    void expire() {
        List<ClusterResponse> some;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            some = List.copyOf(received);
        }
        result.completeExceptionally(AckException.timeout(
                "timeout reached: only " + some.size() + " responses received out of " + expected, some));
    }

    /** The request could not be sent: fails with this cause. */
    void fail(Throwable cause) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        result.completeExceptionally(cause);
    }
}
