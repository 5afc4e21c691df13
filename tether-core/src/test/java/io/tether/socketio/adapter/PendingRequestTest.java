package io.tether.socketio.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.tether.socketio.AckException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The bookkeeping of one request to the other nodes, driven directly. */
class PendingRequestTest {
    private static final ClusterResponse.Type ANSWER = ClusterResponse.Type.SERVER_SIDE_EMIT_RESPONSE;

    private static ClusterResponse answer(String requestId, String value) {
        return ClusterResponse.serverSideEmitAnswer(requestId, TextNode.valueOf(value));
    }

    @Test
    void completesWithEveryAnswerInArrivalOrderOnceAllExpectedCame() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 2, null);

        assertThat(request.offer(answer("r1", "first"))).isTrue();
        assertThat(request.result()).isNotDone();
        assertThat(request.offer(answer("r1", "second"))).isTrue();

        assertThat(request.result().join()).extracting(ClusterResponse::value)
                .containsExactly(TextNode.valueOf("first"), TextNode.valueOf("second"));
    }

    @Test
    void expiresWithAnAckExceptionHoldingTheAnswersThatCame() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 3, null);
        request.offer(answer("r1", "only"));

        request.expire();

        assertThatThrownBy(() -> request.result().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(AckException.class)
                .hasMessage("timeout reached: only 1 responses received out of 3")
                .satisfies(e -> assertThat(((AckException) e).received()).hasSize(1));
    }

    @Test
    void ignoresAnswersThatComeAfterItExpired() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 1, null);
        request.expire();

        assertThat(request.offer(answer("r1", "late"))).isFalse();
        assertThat(request.received()).isEmpty();
        assertThat(request.result()).isCompletedExceptionally();
    }

    @Test
    void ignoresAnswersBeyondTheExpectedCountAndExpiryAfterCompletion() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 1, null);
        request.offer(answer("r1", "one"));

        assertThat(request.offer(answer("r1", "extra"))).isFalse();
        request.expire();

        assertThat(request.result().join()).hasSize(1);
    }

    @Test
    void ignoresAnswersOfAnotherTypeOrAnotherRequest() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 1, null);

        assertThat(request.offer(ClusterResponse.clientCount("r1", 3))).isFalse();
        assertThat(request.offer(answer("r2", "elsewhere"))).isFalse();

        assertThat(request.result()).isNotDone();
    }

    @Test
    void tellsEachAcceptedAnswerBeforeCompleting() {
        List<String> seen = new ArrayList<>();
        PendingRequest request = new PendingRequest("r1", ClusterResponse.Type.BROADCAST_CLIENT_COUNT, 2,
                answer -> seen.add("count " + answer.clientCount()));
        request.result().thenRun(() -> seen.add("complete"));

        request.offer(ClusterResponse.clientCount("r1", 2));
        request.offer(ClusterResponse.clientCount("r1", 5));

        assertThat(seen).containsExactly("count 2", "count 5", "complete");
    }

    @Test
    void failsWithTheCauseWhenTheRequestCouldNotBeSent() {
        PendingRequest request = new PendingRequest("r1", ANSWER, 1, null);

        request.fail(new IllegalStateException("transport closed"));

        assertThatThrownBy(() -> request.result().join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(request.offer(answer("r1", "late"))).isFalse();
    }

    @Test
    void expectsAtLeastOneAnswer() {
        assertThatThrownBy(() -> new PendingRequest("r1", ANSWER, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
