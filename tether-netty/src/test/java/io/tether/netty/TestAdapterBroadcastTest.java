package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Ack;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.adapter.AdapterFactory;
import io.tether.testadapter.RoomTableAdapter;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broadcast behaviours of an adapter, with official Java clients, against a server whose namespaces use
 * {@link #adapterFactory()}: here {@link RoomTableAdapter}, written outside {@code io.tether.socketio} on the
 * adapter SPI alone. A subclass runs the same behaviours against another adapter. Each delivery test checks who
 * receives and who does not: a final {@code marker} goes to everyone, then each client's whole list is compared.
 */
class TestAdapterBroadcastTest extends JavaClientTestSupport {
    private static final String MARKER = "marker";

    /** The adapter under test. */
    AdapterFactory adapterFactory() {
        return RoomTableAdapter::new;
    }

    @BeforeEach
    void startServer() {
        start(SocketIoOptions.builder().adapter(adapterFactory()).build());
        socketIo.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.text(0));
                ack.send();
            });
            socket.on("shout", (args, ack) -> socket.broadcast().emit("shouted", args.text(0)));
        });
        listen();
    }

    @Test
    void broadcastToARoomReachesOnlyItsMembers() {
        List<Peer> all = peers(4);
        all.get(1).join("red");
        all.get(3).join("red");

        socketIo.to("red").emit("news");

        assertEvents(all, List.of(MARKER), List.of("news", MARKER), List.of(MARKER), List.of("news", MARKER));
    }

    @Test
    void exceptARoomReachesEveryoneElse() {
        List<Peer> all = peers(3);
        all.get(0).join("muted");

        socketIo.except("muted").emit("news");

        assertEvents(all, List.of(MARKER), List.of("news", MARKER), List.of("news", MARKER));
    }

    @Test
    void aBroadcastToTwoRoomsReachesAMemberOfBothOnce() {
        List<Peer> all = peers(3);
        all.get(0).join("r1");
        all.get(0).join("r2");
        all.get(1).join("r2");

        socketIo.to("r1", "r2").emit("news");

        assertEvents(all, List.of("news", MARKER), List.of("news", MARKER), List.of(MARKER));
    }

    @Test
    void socketBroadcastReachesEveryoneButTheSender() {
        List<Peer> all = peers(3);

        all.get(0).client.emit("shout", "hello");

        all.get(1).awaitEvent("shouted");
        all.get(2).awaitEvent("shouted");
        assertEvents(all, List.of(MARKER), List.of("shouted", MARKER), List.of("shouted", MARKER));
    }

    @Test
    void aVolatileBroadcastIsDroppedForAPollingClientThatCannotTakeItWhileANormalOneWaits() {
        RawPolling polling = new RawPolling(server.port());
        String sid = RawPolling.json(polling.connect(null).substring(2)).get("sid").asText();

        socketIo.volatileFlag().emit("volatile");
        socketIo.emit("kept");
        // the emits run on the session's loop: let them run before the GET can arrive
        result(CompletableFuture.runAsync(() -> { }, socketIo.engine().session(polling.sid()).loop()));
        HttpResponse<String> poll = polling.pollSession();

        assertThat(socketIo.sockets().sockets()).containsKey(sid);
        assertThat(poll.body()).isEqualTo("42[\"kept\"]");
    }

    @Test
    void aVolatileBroadcastReachesWebSocketClientsThatCanTakeIt() {
        List<Peer> all = List.of(new Peer("a", options("websocket")), new Peer("b", options("websocket")));

        socketIo.volatileFlag().emit("news");

        assertEvents(all, List.of("news", MARKER), List.of("news", MARKER));
    }

    @Test
    void fetchSocketsReturnsTheSelectedSocketsWithTheirRoomsAndData() {
        List<Peer> all = peers(3);
        all.get(1).join("red");
        all.get(1).server().data().put("name", "bob");

        List<RemoteSocket> red = result(socketIo.in("red").fetchSockets());
        List<RemoteSocket> everyone = result(socketIo.fetchSockets());

        assertThat(red).hasSize(1);
        assertThat(red.get(0).id()).isEqualTo(all.get(1).id());
        assertThat(red.get(0).rooms()).containsExactlyInAnyOrder(all.get(1).id(), "red");
        assertThat(red.get(0).data()).containsEntry("name", "bob");
        assertThat(red.get(0).handshake().headers()).isNotEmpty();
        assertThat(everyone).extracting(RemoteSocket::id).containsExactlyInAnyOrder(all.get(0).id(),
                all.get(1).id(), all.get(2).id());
    }

    @Test
    void socketsJoinAndSocketsLeaveMoveTheSelectedSockets() {
        List<Peer> all = peers(3);
        all.get(0).join("red");
        all.get(1).join("red");

        socketIo.in("red").socketsJoin("blue");
        assertThat(all.get(0).server().rooms()).contains("blue");
        assertThat(all.get(1).server().rooms()).contains("blue");
        assertThat(all.get(2).server().rooms()).doesNotContain("blue");

        socketIo.in(all.get(0).id()).socketsLeave("red", "blue");
        assertThat(all.get(0).server().rooms()).containsExactly(all.get(0).id());
        assertThat(socketIo.sockets().adapter().sockets(Set.of("red"))).containsExactly(all.get(1).id());
    }

    @Test
    void disconnectSocketsDisconnectsTheSelectedSocketsOnly() {
        List<Peer> all = peers(3);
        all.get(2).join("doomed");

        socketIo.in("doomed").disconnectSockets(false);

        await().atMost(TIMEOUT).until(() -> !all.get(2).client.connected());
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(all.get(0).id(), all.get(1).id());
        assertThat(socketIo.sockets().adapter().rooms()).doesNotContain("doomed");
    }

    @Test
    void roomEventsFireAsTheAdapterTellsThem() {
        List<String> events = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomCreated(room -> events.add("created " + room))
                .onRoomJoined((room, id) -> events.add("joined " + room))
                .onRoomLeft((room, id) -> events.add("left " + room))
                .onRoomDeleted(room -> events.add("deleted " + room));
        Peer a = peers(1).get(0);

        a.join("lobby");
        a.server().leave("lobby");

        assertThat(events.stream().filter(e -> e.endsWith(" lobby")).toList())
                .containsExactly("created lobby", "joined lobby", "left lobby", "deleted lobby");
    }

    @Test
    void aBroadcastWithAckCollectsEveryAnswer() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);

        List<EventArgs> answers = result(socketIo.timeout(2_000).emitWithAck("q", "ready?"));

        assertThat(answers).extracting(args -> args.text(0)).containsExactlyInAnyOrder("a:ready?", "b:ready?",
                "c:ready?");
    }

    @Test
    void aBroadcastWithAckToARoomAwaitsOnlyItsMembers() {
        List<Peer> all = peers(3);
        all.forEach(Peer::answerQuestions);
        all.get(2).join("red");

        List<EventArgs> answers = result(socketIo.to("red").timeout(2_000).emitWithAck("q", "you?"));

        assertThat(answers).extracting(args -> args.text(0)).containsExactly("c:you?");
    }

    @Test
    void aBroadcastWithAckFailsWithAnAckExceptionWhenAClientNeverAnswers() {
        List<Peer> all = peers(2);
        all.get(0).answerQuestions();
        all.get(1).client.on("q", args -> { });

        Throwable failure = failureOf(socketIo.timeout(500).emitWithAck("q", "ready?"));

        assertThat(failure).isInstanceOf(AckException.class);
        all.get(1).awaitEvent("q");
    }

    // ---- helpers ----

    /** n clients a, b, c... alternately over WebSocket and polling, all connected. */
    private List<Peer> peers(int n) {
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Peer(String.valueOf((char) ('a' + i)), options(i % 2 == 0 ? "websocket" : "polling")));
        }
        return out;
    }

    /** Sends the marker to everyone, waits until each peer has it, then compares each peer's whole list. */
    @SafeVarargs
    private void assertEvents(List<Peer> peers, List<String>... expected) {
        socketIo.emit(MARKER);
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            peer.awaitEvent(MARKER);
            assertThat(peer.events).as("events received by %s", peer.name).containsExactlyElementsOf(expected[i]);
        }
    }

    /** One official Java client socket, with the events it receives recorded in order. */
    private final class Peer {
        final String name;
        final io.socket.client.Socket client;
        final List<String> events = new CopyOnWriteArrayList<>();

        Peer(String name, io.socket.client.IO.Options options) {
            this.name = name;
            this.client = client("/", options);
            client.onAnyIncoming(args -> events.add(String.valueOf(args[0])));
            connect(client);
        }

        String id() {
            return client.id();
        }

        Socket server() {
            Socket socket = socketIo.sockets().sockets().get(id());
            assertThat(socket).as("server socket of %s", name).isNotNull();
            return socket;
        }

        void join(String room) {
            CompletableFuture<Object[]> done = new CompletableFuture<>();
            client.emit("join", new Object[] {room}, done::complete);
            result(done);
        }

        void awaitEvent(String event) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events).as("events of %s", name).contains(event));
        }

        /** Answers every "q" with "name:question". */
        void answerQuestions() {
            client.on("q", args -> ((Ack) args[args.length - 1]).call(name + ":" + args[0]));
        }
    }
}
