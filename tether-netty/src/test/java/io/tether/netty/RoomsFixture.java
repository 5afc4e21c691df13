package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Ack;
import io.socket.client.Manager;
import io.tether.socketio.AckException;
import io.tether.socketio.BroadcastOperator;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of the room and broadcast tests: a server whose sockets (in {@code /} and {@code /chat}) join,
 * leave and broadcast on request, and several official Java clients (half over WebSocket, half over
 * long-polling) whose every received event is recorded.
 *
 * <p>Every delivery test checks who receives and who does not: once the expected deliveries have arrived, a
 * final {@code marker} event goes to everyone, and each client's whole list of received events is compared,
 * so a client left out must have received only the marker.
 *
 * <p>A subclass may serve the same tests with other server options (another adapter, say) by overriding
 * {@link #serverOptions()}.
 */
public abstract class RoomsFixture extends JavaClientTestSupport {
    static final String MARKER = "marker";

    /** The options of the server every test starts; override to run the same tests on another configuration. */
    protected SocketIoOptions.Builder serverOptions() {
        return SocketIoOptions.builder();
    }

    @BeforeEach
    void startServer() {
        start(serverOptions().build());
        socketIo.onConnection(RoomsFixture::commonHandlers);
        socketIo.of("/chat").onConnection(RoomsFixture::commonHandlers);
        listen();
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

    /** n clients a, b, c... in the main namespace, alternately over WebSocket and polling, all connected. */
    List<Peer> peers(int n) {
        List<Peer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.valueOf((char) ('a' + i));
            out.add(peer(name, "/", client("/", options(i % 2 == 0 ? "websocket" : "polling"))));
        }
        return out;
    }

    Peer peer(String name, String namespace, io.socket.client.Socket unconnected) {
        return new Peer(name, namespace, unconnected);
    }

    /** Two connected clients over one WebSocket connection: main1 in {@code /}, then chat1 in {@code /chat}. */
    List<Peer> mainAndChatOnOneConnection() {
        Manager shared = manager(options("websocket"));
        Peer main1 = peer("main1", "/", track(shared.socket("/")));
        Peer chat1 = peer("chat1", "/chat", track(shared.socket("/chat")));
        return List.of(main1, chat1);
    }

    /**
     * Waits until each recipient has the event, sends the marker to all, then checks that each recipient got the
     * event once before the marker and that every other peer got the marker only.
     */
    void assertReachedOnly(List<Peer> all, String event, List<Peer> recipients) {
        for (Peer recipient : recipients) {
            recipient.awaitEvent(event);
        }
        markAndAwait(all);
        for (Peer recipient : recipients) {
            assertThat(recipient.events()).as("events received by %s", recipient.name).containsExactly(event, MARKER);
        }
        assertOnlyMarker(all.stream().filter(p -> !recipients.contains(p)).toArray(Peer[]::new));
    }

    /** Sends the marker in every namespace the peers are in and waits until each of them has it. */
    void markAndAwait(List<Peer> targets) {
        Set<String> namespaces = targets.stream().map(p -> p.namespace).collect(Collectors.toCollection(TreeSet::new));
        for (String nsp : namespaces) {
            socketIo.of(nsp).emit(MARKER);
        }
        for (Peer peer : targets) {
            peer.awaitEvent(MARKER);
        }
    }

    static void assertOnlyMarker(Peer... excluded) {
        for (Peer peer : excluded) {
            assertThat(peer.events()).as("events received by %s", peer.name).containsExactly(MARKER);
        }
    }

    /** Broadcasts the question {@code q "ready?"} with an acknowledgement callback; completes when it is called. */
    static CompletableFuture<AckOutcome> ask(BroadcastOperator operator) {
        CompletableFuture<AckOutcome> outcome = new CompletableFuture<>();
        operator.emit("q", (error, responses) -> outcome.complete(new AckOutcome(error, responses)), "ready?");
        return outcome;
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
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

    /** What a broadcast acknowledgement callback was called with. */
    record AckOutcome(AckException error, List<EventArgs> responses) {
        List<String> answers() {
            return responses.stream().map(r -> r.text(0)).toList();
        }
    }

    private record Received(String event, List<Object> args) { }

    /** One official Java client socket, with every event it receives recorded in order. */
    final class Peer {
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

        /** Hears every "q" and never answers it. */
        void ignoreQuestions() {
            client.on("q", args -> { });
        }

        /** Completes with the arguments of this client's next {@code disconnect} event. */
        CompletableFuture<Object[]> nextDisconnect() {
            CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
            client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));
            return disconnected;
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
