package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.tether.socketio.AckException;
import io.tether.socketio.BroadcastAckCallback;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Namespace;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms, broadcasts and their selectors, broadcast acknowledgements, the server-side socket operations
 * ({@code fetchSockets}, {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}, {@code closeRoom})
 * and the room lifecycle listeners, with several official Java clients (half over WebSocket, half over
 * long-polling). Every delivery test checks who receives and who does not: once the expected deliveries have
 * arrived, a final {@code marker} event goes to everyone, and each client's whole list of received events is
 * compared, so a client left out must have received only the marker.
 */
class RoomsAndBroadcastsTest extends JavaClientTestSupport {
    private static final String MARKER = "marker";

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        startDefault(sio -> {
            sio.onConnection(RoomsAndBroadcastsTest::commonHandlers);
            sio.of("/chat").onConnection(RoomsAndBroadcastsTest::commonHandlers);
        });
    }

    /** What every client may ask of its server socket. */
    private static void commonHandlers(Socket socket) {
        socket.on("join", (args, ack) -> {
            socket.join(texts(args));
            ack.send(sorted(socket.rooms()));
        });
        socket.on("leave", (args, ack) -> {
            for (String room : texts(args)) {
                socket.leave(room);
            }
            ack.send(sorted(socket.rooms()));
        });
        socket.on("rooms", (args, ack) -> ack.send(sorted(socket.rooms())));
        socket.on("set-name", (args, ack) -> {
            socket.data().put("name", args.text(0));
            ack.send();
        });
        socket.on("say", (args, ack) -> socket.to(args.text(0)).emit("said", args.text(1)));
        socket.on("shout", (args, ack) -> socket.broadcast().emit("shouted", args.text(0)));
        socket.on("sync", (args, ack) -> ack.send());
    }

    // ---- rooms of a socket ----

    @Test
    void everySocketStartsInARoomNamedByItsId() {
        List<Peer> all = peers(4);

        for (Peer peer : all) {
            assertThat(peer.server().rooms()).containsExactly(peer.id());
            assertThat(peer.roomsSeenByServerHandler()).containsExactly(peer.id());
        }
    }

    @Test
    void broadcastToASocketIdReachesOnlyThatSocket() {
        List<Peer> all = peers(4);
        Peer b = all.get(1);

        socketIo.to(b.id()).emit("direct", "for b");

        b.awaitEvent("direct");
        markAndAwait(all);
        assertThat(b.events()).containsExactly("direct", MARKER);
        assertThat(b.argsOf("direct")).containsExactly("for b");
        assertOnlyMarker(all.get(0), all.get(2), all.get(3));
    }

    @Test
    void socketJoinsOneRoom() {
        Peer a = peers(1).get(0);

        Set<String> rooms = a.join("lobby");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "lobby");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "lobby");
        assertThat(socketIo.sockets().adapter().sockets(Set.of("lobby"))).containsExactly(a.id());
    }

    @Test
    void socketJoinsManyRoomsAtOnce() {
        Peer a = peers(1).get(0);

        Set<String> rooms = a.join("r1", "r2", "r3");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "r1", "r2", "r3");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "r1", "r2", "r3");
    }

    @Test
    void joiningARoomTwiceKeepsTheSocketInItOnce() {
        List<Peer> all = peers(2);
        Peer a = all.get(0);
        a.join("lobby");

        Set<String> rooms = a.join("lobby");
        socketIo.to("lobby").emit("news");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "lobby");
        a.awaitEvent("news");
        markAndAwait(all);
        assertThat(a.events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(1));
    }

    @Test
    void leavingARoomRemovesOnlyThatRoomAndItsBroadcasts() {
        List<Peer> all = peers(3);
        Peer a = all.get(0);
        Peer c = all.get(2);
        a.join("r1", "r2");
        c.join("r1");

        Set<String> rooms = a.leave("r1");
        socketIo.to("r1").emit("news");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "r2");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "r2");
        c.awaitEvent("news");
        markAndAwait(all);
        assertThat(c.events()).containsExactly("news", MARKER);
        assertOnlyMarker(a, all.get(1));
    }

    @Test
    void joinAfterTheSocketDisconnectedIsIgnored() {
        Peer a = peers(1).get(0);
        Socket server = a.server();
        String id = a.id();

        a.client.disconnect();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(server.connected()).isFalse();
            assertThat(socketIo.sockets().adapter().rooms()).doesNotContain(id);
        });
        server.join("too-late");

        // Node's Socket._cleanup() makes join a no-op once the socket has disconnected
        assertThat(server.rooms()).isEmpty();
        assertThat(socketIo.sockets().adapter().rooms()).doesNotContain("too-late");
    }

    // ---- broadcasts ----

    @Test
    void serverEmitReachesEverySocketOfTheMainNamespace() {
        List<Peer> all = peers(4);

        socketIo.emit("news", "to all", 1);

        for (Peer peer : all) {
            peer.awaitEvent("news");
        }
        markAndAwait(all);
        for (Peer peer : all) {
            assertThat(peer.events()).containsExactly("news", MARKER);
            assertThat(peer.argsOf("news")).containsExactly("to all", 1);
        }
    }

    @Test
    void broadcastToARoomReachesOnlyItsMembers() {
        List<Peer> all = peers(4);
        all.get(0).join("room");
        all.get(2).join("room");

        socketIo.to("room").emit("news");

        all.get(0).awaitEvent("news");
        all.get(2).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(2).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(1), all.get(3));
    }

    @Test
    void broadcastToTwoRoomsReachesAMemberOfBothOnce() {
        List<Peer> all = peers(4);
        Peer both = all.get(0);
        both.join("r1", "r2");
        all.get(1).join("r1");
        all.get(2).join("r2");

        socketIo.to("r1", "r2").emit("news");

        for (Peer peer : all.subList(0, 3)) {
            peer.awaitEvent("news");
        }
        markAndAwait(all);
        for (Peer peer : all.subList(0, 3)) {
            assertThat(peer.events()).containsExactly("news", MARKER);
        }
        assertOnlyMarker(all.get(3));
    }

    @Test
    void chainedToAddsRoomsAndStillDeliversOnce() {
        List<Peer> all = peers(3);
        all.get(0).join("r1", "r2");
        all.get(1).join("r2");

        socketIo.to("r1").to("r2").emit("news");

        all.get(0).awaitEvent("news");
        all.get(1).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(1).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(2));
    }

    @Test
    void exceptRoomReachesEveryoneElse() {
        List<Peer> all = peers(4);
        all.get(0).join("banned");
        all.get(1).join("banned");

        socketIo.except("banned").emit("news");

        all.get(2).awaitEvent("news");
        all.get(3).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(2).events()).containsExactly("news", MARKER);
        assertThat(all.get(3).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(0), all.get(1));
    }

    @Test
    void toRoomExceptRoomReachesMembersOfTheFirstThatAreNotInTheSecond() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red", "muted");
        all.get(2).join("red");
        all.get(3).join("muted");

        socketIo.to("red").except("muted").emit("news");

        all.get(0).awaitEvent("news");
        all.get(2).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(2).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(1), all.get(3));
    }

    @Test
    void exceptASocketIdLeavesOutThatSocket() {
        List<Peer> all = peers(3);

        socketIo.except(all.get(1).id()).emit("news");

        all.get(0).awaitEvent("news");
        all.get(2).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(2).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(1));
    }

    @Test
    void broadcastOperatorIsImmutableSoDerivingOneLeavesTheOriginalUnchanged() {
        List<Peer> all = peers(3);
        all.get(0).join("red");
        all.get(1).join("red", "muted");
        var red = socketIo.to("red");

        var redNotMuted = red.except("muted");
        red.volatileFlag().timeout(1_000).to("other");
        red.emit("news");

        all.get(0).awaitEvent("news");
        all.get(1).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(1).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(2));
        assertThat(redNotMuted).isNotSameAs(red);
    }

    @Test
    void socketExceptRoomLeavesOutTheSenderAndTheRoomMembers() {
        List<Peer> all = peers(4);
        Peer sender = all.get(0);
        all.get(1).join("banned");

        sender.server().except("banned").emit("news");

        all.get(2).awaitEvent("news");
        all.get(3).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(2).events()).containsExactly("news", MARKER);
        assertThat(all.get(3).events()).containsExactly("news", MARKER);
        assertOnlyMarker(sender, all.get(1));
    }

    @Test
    void localBroadcastReachesTheSocketsOfThisNode() {
        List<Peer> all = peers(3);
        all.get(1).join("room");

        socketIo.local().to("room").emit("news");

        all.get(1).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(1).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(0), all.get(2));
    }

    @Test
    void uncompressedBroadcastIsStillDelivered() {
        List<Peer> all = peers(2);

        socketIo.sockets().compress(false).emit("news", "plain");

        for (Peer peer : all) {
            peer.awaitEvent("news");
        }
        markAndAwait(all);
        for (Peer peer : all) {
            assertThat(peer.events()).containsExactly("news", MARKER);
            assertThat(peer.argsOf("news")).containsExactly("plain");
        }
    }

    @Test
    void binaryBroadcastToARoomReachesEveryMemberIntactOverBothTransports() {
        List<Peer> all = peers(3);
        all.get(0).join("files");
        all.get(1).join("files");
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

        socketIo.to("files").emit("file", "a.bin", bytes);

        all.get(0).awaitEvent("file");
        all.get(1).awaitEvent("file");
        markAndAwait(all);
        for (Peer member : all.subList(0, 2)) {
            assertThat(member.events()).containsExactly("file", MARKER);
            List<Object> args = member.argsOf("file");
            assertThat(args.get(0)).isEqualTo("a.bin");
            assertThat((byte[]) args.get(1)).isEqualTo(bytes);
        }
        assertOnlyMarker(all.get(2));
    }

    @Test
    void socketToRoomReachesTheOtherMembersButNotTheSender() {
        List<Peer> all = peers(4);
        Peer sender = all.get(0);
        sender.join("room");
        all.get(1).join("room");
        all.get(2).join("room");

        sender.client.emit("say", "room", "hello room");

        all.get(1).awaitEvent("said");
        all.get(2).awaitEvent("said");
        markAndAwait(all);
        assertThat(all.get(1).events()).containsExactly("said", MARKER);
        assertThat(all.get(1).argsOf("said")).containsExactly("hello room");
        assertThat(all.get(2).events()).containsExactly("said", MARKER);
        assertOnlyMarker(sender, all.get(3));
    }

    @Test
    void socketBroadcastReachesEveryoneButTheSender() {
        List<Peer> all = peers(4);
        Peer sender = all.get(2);

        sender.client.emit("shout", "hey all");

        List<Peer> others = List.of(all.get(0), all.get(1), all.get(3));
        for (Peer peer : others) {
            peer.awaitEvent("shouted");
        }
        markAndAwait(all);
        for (Peer peer : others) {
            assertThat(peer.events()).containsExactly("shouted", MARKER);
            assertThat(peer.argsOf("shouted")).containsExactly("hey all");
        }
        assertOnlyMarker(sender);
    }

    @Test
    void broadcastInTheMainNamespaceDoesNotReachChatNamespace() {
        Manager shared = manager(options("websocket"));
        Peer main1 = peer("main1", "/", track(shared.socket("/")));
        Peer chat1 = peer("chat1", "/chat", track(shared.socket("/chat")));
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("polling")));
        List<Peer> all = List.of(main1, chat1, main2, chat2);

        socketIo.emit("news");

        main1.awaitEvent("news");
        main2.awaitEvent("news");
        markAndAwait(all);
        assertThat(main1.events()).containsExactly("news", MARKER);
        assertThat(main2.events()).containsExactly("news", MARKER);
        assertOnlyMarker(chat1, chat2);
    }

    @Test
    void roomsOfTheSameNameInTwoNamespacesAreSeparate() {
        Manager shared = manager(options("websocket"));
        Peer main1 = peer("main1", "/", track(shared.socket("/")));
        Peer chat1 = peer("chat1", "/chat", track(shared.socket("/chat")));
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("polling")));
        List<Peer> all = List.of(main1, chat1, chat2);
        main1.join("lobby");
        chat1.join("lobby");

        socketIo.of("/chat").to("lobby").emit("news");

        chat1.awaitEvent("news");
        markAndAwait(all);
        assertThat(chat1.events()).containsExactly("news", MARKER);
        assertOnlyMarker(main1, chat2);
    }

    // ---- volatile ----

    @Test
    void volatileBroadcastIsDroppedForAPollingClientWithoutPendingGetWhileANormalOneWaitsForIt() {
        RawPolling polling = new RawPolling(server.port());
        String connectAnswer = polling.connect(null);
        assertThat(connectAnswer).startsWith("40{");
        String sid = RawPolling.json(connectAnswer.substring(2)).get("sid").asText();
        assertThat(socketIo.sockets().sockets()).containsKey(sid);
        // the client issues no GET: the polling transport has no request to write to

        socketIo.volatileFlag().emit("volatile-1");
        socketIo.emit("kept");
        socketIo.to(sid).volatileFlag().emit("volatile-2");
        // emits from another thread are handed to the session's loop; let them run before the GET can arrive
        // (Netty may read a request before running tasks queued earlier)
        result(CompletableFuture.runAsync(() -> { }, socketIo.engine().session(polling.sid()).loop()));
        HttpResponse<String> poll = polling.pollSession();

        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo("42[\"kept\"]");
    }

    @Test
    void volatileBroadcastReachesAWebSocketClientThatCanTakeIt() {
        List<Peer> all = List.of(peer("a", "/", client("/", options("websocket"))),
                peer("b", "/", client("/", options("websocket"))));

        socketIo.volatileFlag().emit("news", "volatile");

        for (Peer peer : all) {
            peer.awaitEvent("news");
        }
        markAndAwait(all);
        for (Peer peer : all) {
            assertThat(peer.events()).containsExactly("news", MARKER);
        }
    }

    // ---- broadcast acknowledgements ----

    @Test
    void broadcastAckCallbackGetsEveryAnswerAndNoError() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();

        socketIo.timeout(2_000).emit("q", "ready?",
                (BroadcastAckCallback) (error, responses) -> outcome.complete(new AckOutcome(error, responses)));

        AckOutcome acks = result(outcome);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(acks.error()).isNull();
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?", "c:ready?");
        assertThat(elapsedMillis).as("completed as soon as all answered, not at the timeout").isLessThan(2_000);
    }

    @Test
    void broadcastAckCallbackFailsAfterTheTimeoutWithTheAnswersThatCame() {
        List<Peer> all = peers(3);
        all.get(0).answerQuestions();
        all.get(1).answerQuestions();
        Peer silent = all.get(2);
        silent.client.on("q", args -> { });
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();

        socketIo.timeout(2_000).emit("q", "ready?",
                (BroadcastAckCallback) (error, responses) -> outcome.complete(new AckOutcome(error, responses)));

        AckOutcome acks = result(outcome);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(acks.error()).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(2_000);
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
        all.get(2).client.on("q", args -> { });

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
        markAndAwait(all);
        assertThat(all.get(1).events()).containsExactly("q", MARKER);
        assertThat(all.get(3).events()).containsExactly("q", MARKER);
        assertOnlyMarker(all.get(0), all.get(2));
    }

    @Test
    void broadcastWithAckToTwoRoomsAwaitsAMemberOfBothOnce() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        all.get(0).join("r1", "r2");
        all.get(1).join("r2");
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();
        long start = System.nanoTime();

        socketIo.to("r1", "r2").timeout(3_000).emit("q", "ready?",
                (BroadcastAckCallback) (error, responses) -> outcome.complete(new AckOutcome(error, responses)));

        AckOutcome acks = result(outcome);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(acks.error()).isNull();
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
        assertThat(elapsedMillis).isLessThan(3_000);
    }

    @Test
    void broadcastAckCallbackIsCalledOnceEvenWhenAnAnswerComesAfterTheTimeout() {
        List<Peer> all = peers(2);
        all.get(0).answerQuestions();
        CompletableFuture<Ack> heldBack = new CompletableFuture<>();
        all.get(1).client.on("q", args -> heldBack.complete((Ack) args[args.length - 1]));
        List<AckOutcome> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<AckOutcome> first = new CompletableFuture<>();

        socketIo.timeout(300).emit("q", "ready?", (BroadcastAckCallback) (error, responses) -> {
            AckOutcome o = new AckOutcome(error, responses);
            calls.add(o);
            first.complete(o);
        });

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
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();

        socketIo.timeout(1_000).emit("q", "ready?",
                (BroadcastAckCallback) (error, responses) -> outcome.complete(new AckOutcome(error, responses)));

        AckOutcome acks = result(outcome);
        assertThat(acks.error()).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        assertThat(acks.answers()).containsExactlyInAnyOrder("a:ready?", "b:ready?");
    }

    @Test
    void broadcastWithAckToAnEmptyRoomCompletesAtOnceWithNoAnswers() {
        peers(2).forEach(Peer::answerQuestions);
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();

        socketIo.to("nobody-here").timeout(5_000).emit("q", "ready?",
                (BroadcastAckCallback) (error, responses) -> outcome.complete(new AckOutcome(error, responses)));

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
        markAndAwait(all);
        assertThat(b.events()).containsExactly("q", MARKER);
        assertOnlyMarker(all.get(0), all.get(2));
    }

    // ---- server-side socket operations ----

    @Test
    void fetchSocketsReturnsIdHandshakeRoomsAndDataOfTheSelectedSockets() {
        List<Peer> all = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            IO.Options opts = options(all.size() % 2 == 0 ? "websocket" : "polling");
            opts.auth = Map.of("token", "t-" + name);
            opts.query = "user=" + name;
            all.add(peer(name, "/", client("/", opts)));
        }
        for (Peer peer : all) {
            peer.call("set-name", "name-" + peer.name);
        }
        all.get(0).join("room");
        all.get(2).join("room", "extra");

        List<RemoteSocket> found = result(socketIo.in("room").fetchSockets());

        Map<String, RemoteSocket> byId = found.stream().collect(Collectors.toMap(RemoteSocket::id, r -> r));
        assertThat(byId).containsOnlyKeys(all.get(0).id(), all.get(2).id());
        RemoteSocket a = byId.get(all.get(0).id());
        assertThat(a.handshake().auth().get("token").asText()).isEqualTo("t-a");
        assertThat(a.handshake().query()).containsEntry("user", "a");
        assertThat(a.rooms()).containsExactlyInAnyOrder(all.get(0).id(), "room");
        assertThat(a.data()).containsExactly(Map.entry("name", "name-a"));
        RemoteSocket c = byId.get(all.get(2).id());
        assertThat(c.handshake().auth().get("token").asText()).isEqualTo("t-c");
        assertThat(c.handshake().query()).containsEntry("user", "c");
        assertThat(c.rooms()).containsExactlyInAnyOrder(all.get(2).id(), "room", "extra");
        assertThat(c.data()).containsExactly(Map.entry("name", "name-c"));
    }

    @Test
    void fetchSocketsLeavesOutTheExceptedRooms() {
        List<Peer> all = peers(4);
        all.get(1).join("hidden");
        all.get(3).join("hidden");

        List<RemoteSocket> found = result(socketIo.except("hidden").fetchSockets());

        assertThat(found).extracting(RemoteSocket::id).containsExactlyInAnyOrder(all.get(0).id(), all.get(2).id());
    }

    @Test
    void fetchSocketsOfTheNamespaceReturnsEverySocket() {
        List<Peer> all = peers(3);

        List<RemoteSocket> found = result(socketIo.fetchSockets());

        assertThat(found).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Peer::id).toList());
    }

    @Test
    void socketsJoinAddsTheSelectedSocketsToARoom() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red");

        socketIo.in("red").socketsJoin("blue");
        socketIo.to("blue").emit("news");

        all.get(0).awaitEvent("news");
        all.get(1).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(1).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(2), all.get(3));
        assertThat(all.get(0).server().rooms()).contains("blue");
    }

    @Test
    void socketsLeaveRemovesTheSelectedSocketsFromARoom() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red");
        all.get(2).join("red", "green");

        socketIo.in("green").socketsLeave("red");
        socketIo.to("red").emit("news");

        all.get(0).awaitEvent("news");
        all.get(1).awaitEvent("news");
        markAndAwait(all);
        assertThat(all.get(0).events()).containsExactly("news", MARKER);
        assertThat(all.get(1).events()).containsExactly("news", MARKER);
        assertOnlyMarker(all.get(2), all.get(3));
        assertThat(all.get(2).server().rooms()).containsExactlyInAnyOrder(all.get(2).id(), "green");
    }

    @Test
    void disconnectSocketsDisconnectsTheSelectedSocketsOnly() {
        List<Peer> all = peers(4);
        Peer a = all.get(0);
        Peer b = all.get(1);
        a.join("kick");
        b.join("kick");
        CompletableFuture<Object[]> aDisconnected = new CompletableFuture<>();
        CompletableFuture<Object[]> bDisconnected = new CompletableFuture<>();
        a.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(aDisconnected));
        b.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(bDisconnected));

        socketIo.in("kick").disconnectSockets(false);

        assertThat(result(aDisconnected)[0]).isEqualTo("io server disconnect");
        assertThat(result(bDisconnected)[0]).isEqualTo("io server disconnect");
        List<Peer> remaining = List.of(all.get(2), all.get(3));
        markAndAwait(remaining);
        assertOnlyMarker(all.get(2), all.get(3));
        assertThat(all.get(2).client.connected()).isTrue();
        assertThat(all.get(3).client.connected()).isTrue();
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(all.get(2).id(), all.get(3).id());
        assertThat(a.events()).isEmpty();
        assertThat(b.events()).isEmpty();
    }

    @Test
    void disconnectSocketsKeepsTheOtherNamespacesOfTheSameConnection() {
        Manager shared = manager(options("websocket"));
        Peer main1 = peer("main1", "/", track(shared.socket("/")));
        Peer chat1 = peer("chat1", "/chat", track(shared.socket("/chat")));
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        main1.join("kick");
        CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
        main1.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));

        socketIo.in("kick").disconnectSockets(false);

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        markAndAwait(List.of(chat1, main2));
        assertOnlyMarker(chat1, main2);
        assertThat(chat1.client.connected()).isTrue();
        assertThat(socketIo.of("/chat").sockets()).containsKey(chat1.id());
        assertThat(main1.events()).isEmpty();
    }

    @Test
    void disconnectSocketsWithCloseEndsTheWholeConnectionOfTheSelectedSockets() {
        Manager shared = manager(options("websocket"));
        Peer main1 = peer("main1", "/", track(shared.socket("/")));
        Peer chat1 = peer("chat1", "/chat", track(shared.socket("/chat")));
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("websocket")));
        main1.join("kick");
        CompletableFuture<Object[]> mainGone = new CompletableFuture<>();
        CompletableFuture<Object[]> chatGone = new CompletableFuture<>();
        main1.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(mainGone));
        chat1.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(chatGone));

        socketIo.in("kick").disconnectSockets(true);

        assertThat(result(mainGone)[0]).isEqualTo("io server disconnect");
        assertThat(result(chatGone)[0]).isEqualTo("io server disconnect");
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 2);
        markAndAwait(List.of(main2, chat2));
        assertOnlyMarker(main2, chat2);
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(main2.id());
        assertThat(socketIo.of("/chat").sockets()).containsOnlyKeys(chat2.id());
    }

    @Test
    void remoteSocketEmitReachesOnlyThatClient() {
        List<Peer> all = peers(3);
        all.get(1).join("room");
        RemoteSocket b = result(socketIo.in("room").fetchSockets()).get(0);

        b.emit("direct", "via remote");

        all.get(1).awaitEvent("direct");
        markAndAwait(all);
        assertThat(all.get(1).events()).containsExactly("direct", MARKER);
        assertThat(all.get(1).argsOf("direct")).containsExactly("via remote");
        assertOnlyMarker(all.get(0), all.get(2));
    }

    @Test
    void remoteSocketJoinAndLeaveMoveTheSocket() {
        List<Peer> all = peers(3);
        all.get(2).join("start");
        RemoteSocket c = result(socketIo.in("start").fetchSockets()).get(0);

        c.join("blue");
        c.leave("start");
        socketIo.to("blue").emit("blue-news");
        socketIo.to("start").emit("start-news");

        all.get(2).awaitEvent("blue-news");
        markAndAwait(all);
        assertThat(all.get(2).events()).containsExactly("blue-news", MARKER);
        assertOnlyMarker(all.get(0), all.get(1));
        assertThat(all.get(2).server().rooms()).containsExactlyInAnyOrder(all.get(2).id(), "blue");
    }

    @Test
    void remoteSocketDisconnectDisconnectsThatClientOnly() {
        List<Peer> all = peers(3);
        Peer a = all.get(0);
        CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
        a.client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));
        RemoteSocket remote = result(socketIo.fetchSockets()).stream().filter(r -> r.id().equals(a.id()))
                .findFirst().orElseThrow();

        remote.disconnect(false);

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        markAndAwait(all.subList(1, 3));
        assertOnlyMarker(all.get(1), all.get(2));
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(all.get(1).id(), all.get(2).id());
    }

    @Test
    void closeRoomDeliversTheLastBroadcastThenEveryMemberLeaves() {
        List<Peer> all = peers(4);
        List<Peer> members = all.subList(0, 3);
        members.forEach(m -> m.join("doomed"));
        Namespace main = socketIo.sockets();

        socketIo.to("doomed").emit("closing", "bye");
        main.closeRoom("doomed");
        socketIo.to("doomed").emit("after-close");

        for (Peer member : members) {
            member.awaitEvent("closing");
        }
        markAndAwait(all);
        for (Peer member : members) {
            assertThat(member.events()).containsExactly("closing", MARKER);
            assertThat(member.server().rooms()).containsExactly(member.id());
        }
        assertOnlyMarker(all.get(3));
        assertThat(main.adapter().rooms()).doesNotContain("doomed");
    }

    // ---- room lifecycle ----

    @Test
    void onRoomCreatedFiresOnceWhenTheFirstSocketJoins() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomCreated(room -> seen.add(room));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party");
        assertThat(seen).contains(ab.get(0).id(), ab.get(1).id()); // each socket's own room, on connect
    }

    @Test
    void onRoomJoinedFiresWithRoomAndSocketIdForEachJoin() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomJoined((room, id) -> seen.add(room + " " + id));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party " + ab.get(0).id(), "party " + ab.get(1).id());
    }

    @Test
    void onRoomLeftFiresWithRoomAndSocketIdForEachLeave() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomLeft((room, id) -> seen.add(room + " " + id));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party " + ab.get(0).id(), "party " + ab.get(1).id());
    }

    @Test
    void onRoomDeletedFiresOnceWhenTheLastSocketLeaves() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomDeleted(room -> seen.add(room));

        roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party");
    }

    @Test
    void roomLifecycleListenersFireInNodeOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace main = socketIo.sockets();
        main.onRoomCreated(room -> seen.add("created " + room));
        main.onRoomJoined((room, id) -> seen.add("joined " + room + " " + id));
        main.onRoomLeft((room, id) -> seen.add("left " + room + " " + id));
        main.onRoomDeleted(room -> seen.add("deleted " + room));

        List<Peer> ab = roomLifecycle("party");

        String a = ab.get(0).id();
        String b = ab.get(1).id();
        assertThat(seen.stream().filter(e -> e.contains(" party")).toList()).containsExactly(
                "created party", "joined party " + a, "joined party " + b, "left party " + a, "left party " + b,
                "deleted party");
    }

    @Test
    void onRoomDeletedIsNotReportedAfterAConcurrentJoinCreatedTheRoomAgain() {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> leaving = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Namespace main = socketIo.sockets();
        main.onRoomCreated(room -> {
            if (room.equals("arena")) {
                lifecycle.add("created");
            }
        });
        main.onRoomDeleted(room -> {
            if (room.equals("arena")) {
                lifecycle.add("deleted");
            }
        });
        List<Peer> ab = peers(2);
        Peer a = ab.get(0);
        Peer b = ab.get(1);
        a.join("arena");
        // a listener that takes its time (a database write, say), while the last member leaves
        main.onRoomLeft((room, id) -> {
            if (room.equals("arena") && id.equals(a.id())) {
                leaving.complete(null);
                release.completeOnTimeout(null, TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .join();
            }
        });
        CompletableFuture<Object[]> left = new CompletableFuture<>();
        a.client.emit("leave", new Object[] {"arena"}, left::complete);
        result(leaving);

        Socket bServer = b.server();
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> bServer.join("arena"));
        // an implementation that orders room events may hold the join until the leave is done: wait a little only
        joined.copy().completeOnTimeout(null, 500, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        release.complete(null);
        result(joined);
        result(left);

        // in Node (one thread) the events come as the membership changed: created, deleted, created
        assertThat(main.adapter().rooms()).contains("arena");
        assertThat(lifecycle).containsExactly("created", "deleted", "created");
    }

    @Test
    void disconnectingSocketLeavesItsRoomsFiringOnRoomLeftAndOnRoomDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace main = socketIo.sockets();
        main.onRoomLeft((room, id) -> seen.add("left " + room + " " + id));
        main.onRoomDeleted(room -> seen.add("deleted " + room));
        Peer a = peers(1).get(0);
        String id = a.id();
        a.join("solo");

        a.client.disconnect();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seen).contains("deleted solo"));
        assertThat(seen).containsExactlyInAnyOrder("left solo " + id, "deleted solo", "left " + id + " " + id,
                "deleted " + id);
        assertThat(main.adapter().rooms()).doesNotContain("solo", id);
    }

    @Test
    void roomsJoinedInAnAcceptingNamespaceMiddlewareAreKeptOnceConnected() {
        Namespace vip = socketIo.of("/vip");
        vip.use((socket, next) -> {
            socket.join("members");
            next.accept();
        });
        Peer a = peer("a", "/vip", client("/vip", options("websocket")));
        Peer b = peer("b", "/vip", client("/vip", options("polling")));

        vip.to("members").emit("news");

        a.awaitEvent("news");
        b.awaitEvent("news");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "members");
        markAndAwait(List.of(a, b));
        assertThat(a.events()).containsExactly("news", MARKER);
        assertThat(b.events()).containsExactly("news", MARKER);
    }

    @Test
    void roomsJoinedInANamespaceMiddlewareAreLeftWhenTheMiddlewareRejectsTheSocket() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace vip = socketIo.of("/vip");
        vip.onRoomLeft((room, id) -> seen.add("left " + room));
        vip.onRoomDeleted(room -> seen.add("deleted " + room));
        vip.use((socket, next) -> {
            socket.join("waiting-room");
            next.reject("not allowed");
        });
        io.socket.client.Socket client = client("/vip", options("websocket"));
        CompletableFuture<Object[]> refused = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(refused));

        client.connect();

        assertThat(result(refused)[0].toString()).contains("not allowed");
        // Node's Namespace._add calls socket._cleanup() (leaveAll) before sending the CONNECT_ERROR
        await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(vip.adapter().rooms()).doesNotContain("waiting-room");
            assertThat(seen).containsExactly("left waiting-room", "deleted waiting-room");
        });
    }

    @Test
    void roomsJoinedInANamespaceMiddlewareAreLeftWhenTheClientIsGoneBeforeItAccepts() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace vip = socketIo.of("/vip");
        vip.onRoomDeleted(room -> seen.add("deleted " + room));
        CompletableFuture<io.tether.socketio.NamespaceMiddleware.Next> pending = new CompletableFuture<>();
        vip.use((socket, next) -> {
            socket.join("waiting-room");
            pending.complete(next);
        });
        io.socket.client.Socket client = client("/vip", options("websocket"));
        client.connect();
        io.tether.socketio.NamespaceMiddleware.Next next = result(pending);

        client.close();
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
        next.accept();

        // Node's Namespace._add calls socket._cleanup() (leaveAll) when the connection closed meanwhile
        await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(vip.adapter().rooms()).doesNotContain("waiting-room");
            assertThat(seen).contains("deleted waiting-room");
        });
        assertThat(vip.sockets()).isEmpty();
    }

    @Test
    void onJoinPatternHookFiresForMatchingRoomsOnly() {
        List<String> hooked = new CopyOnWriteArrayList<>();
        socketIo.sockets().onJoin(Pattern.compile("^game-"),
                (socket, room) -> hooked.add(room + " " + socket.id()));
        Peer a = peers(1).get(0);

        a.join("chat-1");
        a.join("game-1");
        a.join("my-game-2");

        assertThat(hooked).containsExactly("game-1 " + a.id());
    }

    @Test
    void onLeavePatternHookFiresForMatchingRoomsOnly() {
        List<String> hooked = new CopyOnWriteArrayList<>();
        socketIo.sockets().onLeave(Pattern.compile("^game-"),
                (socket, room) -> hooked.add(room + " " + socket.id()));
        Peer a = peers(1).get(0);
        a.join("chat-1", "game-1");

        a.leave("chat-1");
        a.leave("game-1");

        assertThat(hooked).containsExactly("game-1 " + a.id());
    }

    @Test
    void onEventInRoomsRunsOncePerMatchingRoomOfTheSender() {
        List<String> handled = new CopyOnWriteArrayList<>();
        socketIo.sockets().onEventInRooms(Pattern.compile("^chat-"), "msg",
                (socket, room, args, ack) -> handled.add(socket.id() + " " + room + " " + args.text(0)));
        Peer a = peers(1).get(0);
        a.join("chat-1", "chat-2", "lobby");

        a.client.emit("msg", "hi");
        a.call("sync");

        assertThat(handled).containsExactlyInAnyOrder(a.id() + " chat-1 hi", a.id() + " chat-2 hi");
    }

    @Test
    void onEventInRoomsDoesNotRunForASenderInNoMatchingRoom() {
        List<String> handled = new CopyOnWriteArrayList<>();
        socketIo.sockets().onEventInRooms(Pattern.compile("^chat-"), "msg",
                (socket, room, args, ack) -> handled.add(socket.id() + " " + room));
        List<Peer> all = peers(2);
        Peer outsider = all.get(0);
        Peer member = all.get(1);
        outsider.join("lobby", "my-chat-1");
        member.join("chat-1");

        outsider.client.emit("msg", "hi");
        outsider.client.emit("other", "hi");
        outsider.call("sync");
        member.client.emit("other", "hi");
        member.call("sync");

        assertThat(handled).isEmpty();
    }

    // ---- helpers ----

    /** a joins a new room, b joins it, a leaves, b leaves; each step acknowledged by the server. */
    private List<Peer> roomLifecycle(String room) {
        List<Peer> ab = peers(2);
        ab.get(0).join(room);
        ab.get(1).join(room);
        ab.get(0).leave(room);
        ab.get(1).leave(room);
        return ab;
    }

    private static List<String> forRoom(List<String> events, String room) {
        return events.stream().filter(e -> e.equals(room) || e.startsWith(room + " ")).toList();
    }

    /** n clients a, b, c... in the main namespace, alternately over WebSocket and polling, all connected. */
    private List<Peer> peers(int n) {
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.valueOf((char) ('a' + i));
            out.add(peer(name, "/", client("/", options(i % 2 == 0 ? "websocket" : "polling"))));
        }
        return out;
    }

    private Peer peer(String name, String namespace, io.socket.client.Socket unconnected) {
        Peer peer = new Peer(name, namespace, unconnected);
        peers.add(peer);
        return peer;
    }

    /** Sends the marker in every namespace the peers are in and waits until each of them has it. */
    private void markAndAwait(List<Peer> targets) {
        Set<String> namespaces = targets.stream().map(p -> p.namespace).collect(Collectors.toCollection(TreeSet::new));
        for (String nsp : namespaces) {
            socketIo.of(nsp).emit(MARKER);
        }
        for (Peer peer : targets) {
            peer.awaitEvent(MARKER);
        }
    }

    private static void assertOnlyMarker(Peer... excluded) {
        for (Peer peer : excluded) {
            assertThat(peer.events()).as("events received by %s", peer.name).containsExactly(MARKER);
        }
    }

    private static String[] texts(EventArgs args) {
        String[] out = new String[args.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = args.text(i);
        }
        return out;
    }

    private static List<String> sorted(Set<String> rooms) {
        return new ArrayList<>(new TreeSet<>(rooms));
    }

    private record AckOutcome(AckException error, List<EventArgs> responses) {
        List<String> answers() {
            return responses.stream().map(r -> r.text(0)).toList();
        }
    }

    private record Received(String event, List<Object> args) { }

    /** One official Java client socket, with every event it receives recorded in order. */
    private final class Peer {
        final String name;
        final String namespace;
        final io.socket.client.Socket client;
        final List<Received> received = new CopyOnWriteArrayList<>();

        Peer(String name, String namespace, io.socket.client.Socket unconnected) {
            this.name = name;
            this.namespace = namespace;
            this.client = unconnected;
            client.onAnyIncoming(args -> received.add(new Received(String.valueOf(args[0]),
                    Arrays.stream(args, 1, args.length).filter(a -> !(a instanceof Ack)).toList())));
            connect(client);
        }

        String id() {
            return client.id();
        }

        /** This client's socket on the server. */
        Socket server() {
            Socket socket = socketIo.of(namespace).sockets().get(id());
            assertThat(socket).as("server socket of %s", name).isNotNull();
            return socket;
        }

        List<String> events() {
            return received.stream().map(Received::event).toList();
        }

        List<Object> argsOf(String event) {
            return received.stream().filter(r -> r.event().equals(event)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " never received " + event)).args();
        }

        void awaitEvent(String event) {
            await().atMost(TIMEOUT).untilAsserted(
                    () -> assertThat(events()).as("events received by %s", name).contains(event));
        }

        /** Emits with an acknowledgement and returns the server's answer. */
        Object[] call(String event, Object... args) {
            CompletableFuture<Object[]> answer = new CompletableFuture<>();
            client.emit(event, args, answer::complete);
            return result(answer);
        }

        Set<String> join(String... rooms) {
            return roomsOf(call("join", (Object[]) rooms));
        }

        Set<String> leave(String... rooms) {
            return roomsOf(call("leave", (Object[]) rooms));
        }

        Set<String> roomsSeenByServerHandler() {
            return roomsOf(call("rooms"));
        }

        /** Answers every "q" with "name:question". */
        void answerQuestions() {
            client.on("q", args -> ((Ack) args[args.length - 1]).call(name + ":" + args[0]));
        }

        private Set<String> roomsOf(Object[] answer) {
            JSONArray array = (JSONArray) answer[0];
            Set<String> rooms = new LinkedHashSet<>();
            for (int i = 0; i < array.length(); i++) {
                rooms.add(array.optString(i));
            }
            return rooms;
        }
    }
}
