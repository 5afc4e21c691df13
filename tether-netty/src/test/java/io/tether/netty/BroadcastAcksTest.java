package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Broadcasts that wait for every recipient's acknowledgement: callbacks, futures, timeouts and rooms. */
public class BroadcastAcksTest extends RoomsFixture {

    @Test
    void broadcastAckCallbackGetsEveryAnswerAndNoError() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        long start = System.nanoTime();

        AckOutcome acks = result(ask(socketIo.timeout(2_000)));

        assertThat(acks.error()).isNull();
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?", "c:ready?");
        assertThat(millisSince(start)).as("completed as soon as all answered, not at the timeout").isLessThan(2_000);
    }

    @Test
    void broadcastAckCallbackFailsAfterTheTimeoutWithTheAnswersThatCame() {
        List<Peer> all = peers(3);
        all.get(0).answerQuestions();
        all.get(1).answerQuestions();
        Peer silent = all.get(2);
        silent.ignoreQuestions();
        long start = System.nanoTime();

        AckOutcome acks = result(ask(socketIo.timeout(2_000)));

        assertThat(millisSince(start)).isGreaterThanOrEqualTo(2_000);
        assertThat(acks.error()).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
        assertThat(silent.events()).containsExactly("q");
    }

    @Test
    void broadcastEmitWithAckFutureCompletesWithEveryAnswer() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);

        List<EventArgs> responses = result(socketIo.timeout(2_000).emitWithAck("q", "ready?"));

        assertThat(responses).extracting(r -> r.text(0))
                .containsExactlyInAnyOrder("a:ready?", "b:ready?", "c:ready?");
    }

    @Test
    void broadcastEmitWithAckFutureFailsWithAckExceptionWhenAClientNeverAnswers() {
        List<Peer> all = peers(3);
        all.get(0).answerQuestions();
        all.get(1).answerQuestions();
        all.get(2).ignoreQuestions();

        Throwable failure = failureOf(socketIo.timeout(500).emitWithAck("q", "ready?"));

        assertThat(failure).isInstanceOf(AckException.class).hasMessage("operation has timed out");
    }

    @Test
    void broadcastEmitWithAckToARoomReachesAndAwaitsOnlyItsMembers() {
        List<Peer> all = peers(4);
        all.forEach(Peer::answerQuestions);
        all.get(1).join("room");
        all.get(3).join("room");

        List<EventArgs> responses = result(socketIo.to("room").timeout(2_000).emitWithAck("q", "ready?"));

        assertThat(responses).extracting(r -> r.text(0)).containsExactlyInAnyOrder("b:ready?", "d:ready?");
        assertReachedOnly(all, "q", List.of(all.get(1), all.get(3)));
    }

    @Test
    void broadcastWithAckToTwoRoomsAwaitsAMemberOfBothOnce() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        all.get(0).join("r1", "r2");
        all.get(1).join("r2");
        long start = System.nanoTime();

        AckOutcome acks = result(ask(socketIo.to("r1", "r2").timeout(3_000)));

        assertThat(millisSince(start)).isLessThan(3_000);
        assertThat(acks.error()).isNull();
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
    }

    @Test
    void broadcastAckCallbackIsCalledOnceEvenWhenAnAnswerComesAfterTheTimeout() {
        List<Peer> all = peers(2);
        all.get(0).answerQuestions();
        CompletableFuture<Ack> heldBack = new CompletableFuture<>();
        all.get(1).client.on("q", args -> heldBack.complete((Ack) args[args.length - 1]));
        List<AckOutcome> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<AckOutcome> first = new CompletableFuture<>();

        socketIo.timeout(300).emit("q", (error, responses) -> {
            AckOutcome o = new AckOutcome(error, responses);
            calls.add(o);
            first.complete(o);
        }, "ready?");

        assertThat(result(first).error()).isInstanceOf(AckException.class);
        assertThat(result(first).answers()).containsExactly("a:ready?");
        result(heldBack).call("b:too late");
        all.get(1).call("sync"); // the late answer reached the server before this acknowledgement
        assertThat(calls).hasSize(1);
        assertThat(result(first).answers()).containsExactly("a:ready?");
    }

    @Test
    void broadcastAckTimesOutWithTheOtherAnswersWhenARecipientDisconnectsInsteadOfAnswering() {
        List<Peer> all = peers(3);
        all.get(0).answerQuestions();
        all.get(1).answerQuestions();
        Peer leaver = all.get(2);
        leaver.client.on("q", args -> leaver.client.disconnect());

        AckOutcome acks = result(ask(socketIo.timeout(1_000)));

        assertThat(acks.error()).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
    }

    @Test
    void broadcastWithAckToAnEmptyRoomCompletesAtOnceWithNoAnswers() {
        peers(2).forEach(Peer::answerQuestions);

        CompletableFuture<AckOutcome> outcome = ask(socketIo.to("nobody-here").timeout(5_000));

        // Node calls back at once with (null, []) when the broadcast reached no socket
        AckOutcome acks = outcome.getNow(null);
        assertThat(acks).as("called back synchronously").isNotNull();
        assertThat(acks.error()).isNull();
        assertThat(acks.answers()).isEmpty();
    }

    @Test
    void socketTimeoutEmitWithAckAsksOnlyThatClient() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        Peer b = all.get(1);

        EventArgs answer = result(b.server().timeout(2_000).emitWithAck("q", "just you?"));

        assertThat(answer.text(0)).isEqualTo("b:just you?");
        assertReachedOnly(all, "q", List.of(b));
    }
}
