package io.tether.netty;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeResult;
import io.tether.socketio.ConnectionStateRecovery;
import io.tether.socketio.DisconnectReason;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery (socket.io 4.6+) with the official JavaScript client 4.8 under Node
 * ({@code src/test/js/recovery.js}): the client loses its connection and reconnects on its own; the server
 * gives it back its id, rooms and data and the broadcasts it missed, when the disconnection was not on purpose
 * and did not last too long.
 *
 * <p>Every test runs the same server scenario: the first connection joins room {@code a}, gets
 * {@code data.name = "x"}, receives a broadcast to {@code a} ({@code "first"}, so that the client holds an
 * offset), then a {@code "cut"} event (with a numeric argument) that tells the script to lose the connection. When the server sees that
 * socket go, it broadcasts {@code m1, m2, m3} to {@code a} and {@code other} to {@code b}. The next connection
 * is snapshotted (recovered, id, rooms, data) and told {@code "checked"}, after which the script ends.
 */
class ConnectionStateRecoveryTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<DisconnectReason> RECOVERABLE_CLOSE = Set.of(DisconnectReason.TRANSPORT_CLOSE,
            DisconnectReason.TRANSPORT_ERROR);

    private TetherServer server;
    private SocketIoServer io;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** A server socket as its connection handler saw it. */
    private record Seen(String id, boolean recovered, Set<String> rooms, Map<String, Object> data) {
        static Seen of(Socket socket) {
            return new Seen(socket.id(), socket.recovered(), Set.copyOf(socket.rooms()), Map.copyOf(socket.data()));
        }
    }

    /** What the server saw of the two connections. */
    private static final class Scenario {
        final List<Seen> connections = new CopyOnWriteArrayList<>();
        final CompletableFuture<DisconnectReason> firstDisconnect = new CompletableFuture<>();
        final CompletableFuture<Seen> second = new CompletableFuture<>();

        Seen first() {
            return connections.get(0);
        }
    }

    /**
     * Serves the scenario of the class comment; {@code beforeCut} runs on the first socket after the first
     * broadcast and before the {@code "cut"} event.
     */
    private Scenario serve(ConnectionStateRecovery recovery, Consumer<Socket> beforeCut) {
        Scenario scenario = new Scenario();
        SocketIoOptions.Builder options = SocketIoOptions.builder();
        if (recovery != null) {
            options.connectionStateRecovery(recovery);
        }
        io = SocketIoServer.create(options.build());
        io.onConnection(socket -> {
            boolean first;
            synchronized (scenario) {
                first = scenario.connections.isEmpty();
                scenario.connections.add(Seen.of(socket));
            }
            if (first) {
                socket.join("a");
                socket.data().put("name", "x");
                // snapshot again now that it is set up
                scenario.connections.set(0, Seen.of(socket));
                socket.onDisconnect(reason -> {
                    // the client is away: what it misses
                    io.to("a").emit("news", "m1");
                    io.to("a").emit("news", "m2");
                    io.to("b").emit("news", "other");
                    io.to("a").emit("news", "m3");
                    scenario.firstDisconnect.complete(reason);
                });
                io.to("a").emit("news", "first");
                beforeCut.accept(socket);
                // a number as the last argument: the client takes the last string argument of any event (or
                // the event's name when it has no argument) as its offset, see directEmit... below
                socket.emit("cut", 1);
            } else {
                scenario.second.complete(Seen.of(socket));
                socket.emit("checked");
            }
        });
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        return scenario;
    }

    private Scenario serve(ConnectionStateRecovery recovery) {
        return serve(recovery, socket -> { });
    }

    private NodeResult run(String mode, String cut, long reconnectionDelay) {
        return NodeClient.run("recovery.js", server.port(), RUN_TIMEOUT, mode, cut, Long.toString(reconnectionDelay))
                .assertSuccess();
    }

    /** The first arguments of the "news" events the client received, in order. */
    private static List<String> news(NodeResult result) {
        List<String> texts = new ArrayList<>();
        for (JsonNode received : result.events("received")) {
            if (received.path("name").asText().equals("news")) {
                texts.add(received.path("args").path(0).asText());
            }
        }
        return texts;
    }

    private static List<JsonNode> newsEvents(NodeResult result) {
        return result.events("received").stream().filter(r -> r.path("name").asText().equals("news")).toList();
    }

    private static Seen await(CompletableFuture<Seen> future, NodeResult result) throws Exception {
        assertThat(future).as("the server saw no second connection: %s", result).succeedsWithin(5, TimeUnit.SECONDS);
        return future.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "default"})
    void clientThatLosesItsConnectionGetsItsSessionAndTheMissedBroadcastsBack(String mode) throws Exception {
        Scenario scenario = serve(ConnectionStateRecovery.of(Duration.ofSeconds(30)));

        NodeResult result = run(mode, "terminate", 100);

        // the server: the first socket went for a recoverable reason, the second is the same socket back
        assertThat(scenario.firstDisconnect).succeedsWithin(5, TimeUnit.SECONDS)
                .as(result.toString()).isIn(RECOVERABLE_CLOSE);
        Seen first = scenario.first();
        Seen second = await(scenario.second, result);
        assertThat(first.recovered()).isFalse();
        assertThat(first.rooms()).containsExactlyInAnyOrder(first.id(), "a");
        assertThat(second.recovered()).as(result.toString()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.rooms()).containsExactlyInAnyOrder(first.id(), "a");
        assertThat(second.data()).containsExactlyEntriesOf(Map.of("name", "x"));
        assertThat(scenario.connections).hasSize(2);

        // the client: the same id and pid, recovered, and exactly the room's missed events, in order
        List<JsonNode> connects = result.events("connect");
        assertThat(connects).as(result.toString()).hasSize(2);
        assertThat(connects.get(0).path("recovered").asBoolean()).isFalse();
        assertThat(connects.get(1).path("recovered").asBoolean()).as(result.toString()).isTrue();
        assertThat(connects.get(0).path("id").asText()).isEqualTo(first.id());
        assertThat(connects.get(1).path("id").asText()).isEqualTo(first.id());
        assertThat(result.events("disconnect").get(0).path("reason").asText()).isEqualTo("transport close");

        List<JsonNode> connectPackets = result.events("connect-packet");
        assertThat(connectPackets).hasSize(2);
        String pid = connectPackets.get(0).path("data").path("pid").asText();
        assertThat(pid).isNotEmpty();
        assertThat(connectPackets.get(1).path("data").path("pid").asText()).isEqualTo(pid);
        assertThat(connectPackets.get(1).path("data").path("sid").asText()).isEqualTo(first.id());

        JsonNode cutting = result.event("cutting");
        assertThat(cutting.path("transport").asText()).isEqualTo("websocket");
        assertThat(cutting.path("pid").asText()).isEqualTo(pid);

        assertThat(news(result)).as(result.toString()).containsExactly("first", "m1", "m2", "m3");
        // each broadcast carries its offset as an extra last argument (as with Node's server); the client sent
        // the offset of "first" when it reconnected
        List<JsonNode> news = newsEvents(result);
        List<String> offsets = new ArrayList<>();
        for (JsonNode n : news) {
            assertThat(n.path("args").size()).as(n.toString()).isEqualTo(2);
            assertThat(n.path("args").path(1).isTextual()).as(n.toString()).isTrue();
            offsets.add(n.path("args").path(1).asText());
        }
        assertThat(offsets).doesNotHaveDuplicates();
        // the offset of "first" (or of "cut", should direct emits get one of their own, as with Node's server)
        JsonNode cutArgs = result.events("received").stream()
                .filter(r -> r.path("name").asText().equals("cut")).findFirst().orElseThrow().path("args");
        assertThat(cutting.path("offset").asText())
                .isIn(offsets.get(0), cutArgs.path(cutArgs.size() - 1).asText());
    }

    @Test
    void clientThatComesBackAfterMaxDisconnectionDurationGetsAFreshSession() throws Exception {
        Scenario scenario = serve(new ConnectionStateRecovery(Duration.ofSeconds(1), true));

        // reconnects 1.5 s after the cut, past the 1 s the server keeps its session
        NodeResult result = run("websocket", "terminate", 1_500);

        assertThat(scenario.firstDisconnect).succeedsWithin(5, TimeUnit.SECONDS)
                .as(result.toString()).isIn(RECOVERABLE_CLOSE);
        Seen first = scenario.first();
        Seen second = await(scenario.second, result);
        assertThat(second.recovered()).as(result.toString()).isFalse();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.rooms()).containsExactly(second.id());
        assertThat(second.data()).isEmpty();

        List<JsonNode> connects = result.events("connect");
        assertThat(connects).as(result.toString()).hasSize(2);
        assertThat(connects.get(1).path("recovered").asBoolean()).isFalse();
        assertThat(connects.get(1).path("id").asText()).isEqualTo(second.id()).isNotEqualTo(first.id());
        List<JsonNode> connectPackets = result.events("connect-packet");
        assertThat(connectPackets.get(1).path("data").path("pid").asText())
                .isNotEmpty()
                .isNotEqualTo(connectPackets.get(0).path("data").path("pid").asText());
        assertThat(news(result)).as(result.toString()).containsExactly("first");
    }

    @Test
    void clientThatDisconnectsOnPurposeIsNotRecovered() throws Exception {
        Scenario scenario = serve(ConnectionStateRecovery.of(Duration.ofSeconds(30)));

        NodeResult result = run("websocket", "disconnect", 100);

        assertThat(scenario.firstDisconnect).succeedsWithin(5, TimeUnit.SECONDS)
                .as(result.toString()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        Seen first = scenario.first();
        Seen second = await(scenario.second, result);
        assertThat(second.recovered()).as(result.toString()).isFalse();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.rooms()).containsExactly(second.id());
        assertThat(second.data()).isEmpty();

        // the client did send its pid and offset again (socket.connect() keeps them): the server said no
        assertThat(result.events("disconnect").get(0).path("reason").asText()).isEqualTo("io client disconnect");
        List<JsonNode> connects = result.events("connect");
        assertThat(connects).as(result.toString()).hasSize(2);
        assertThat(connects.get(1).path("recovered").asBoolean()).isFalse();
        assertThat(connects.get(1).path("id").asText()).isEqualTo(second.id());
        assertThat(news(result)).as(result.toString()).containsExactly("first");
    }

    @Test
    void withoutRecoveryTheClientGetsANewSessionAndNoPid() throws Exception {
        Scenario scenario = serve(null);

        NodeResult result = run("websocket", "terminate", 100);

        assertThat(scenario.firstDisconnect).succeedsWithin(5, TimeUnit.SECONDS)
                .as(result.toString()).isIn(RECOVERABLE_CLOSE);
        Seen first = scenario.first();
        Seen second = await(scenario.second, result);
        assertThat(second.recovered()).isFalse();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.rooms()).containsExactly(second.id());
        assertThat(second.data()).isEmpty();

        for (JsonNode packet : result.events("connect-packet")) {
            assertThat(packet.path("data").has("sid")).as(packet.toString()).isTrue();
            assertThat(packet.path("data").has("pid")).as(packet.toString()).isFalse();
        }
        assertThat(result.events("connect-packet")).hasSize(2);
        List<JsonNode> connects = result.events("connect");
        assertThat(connects).as(result.toString()).hasSize(2);
        assertThat(connects).allSatisfy(c -> assertThat(c.path("recovered").asBoolean()).isFalse());
        assertThat(result.event("cutting").path("pid").isNull()).isTrue();
        // no offset is appended to broadcasts
        assertThat(newsEvents(result)).singleElement()
                .satisfies(n -> assertThat(n.path("args")).isEqualTo(NodeClient.JSON.readTree("[\"first\"]")));
    }

    /**
     * A direct {@code socket.emit} before the cut, whose last argument is a string ({@code "hello"}) or which
     * has no argument. The client takes the last string argument of every event, or the event's name when it has
     * no argument, as its offset (socket.io-client {@code Socket.emitEvent}: {@code if (this._pid && args.length
     * && typeof args[args.length - 1] === "string") this._lastOffset = args[args.length - 1]}, where
     * {@code args} starts with the event name). That is why Node's server, with recovery on, sends every
     * {@code socket.emit} without an ack through {@code adapter.broadcast} to the socket's own room: the event
     * gets an offset of its own appended and is stored, so the client always reconnects with an offset the
     * server knows, and is recovered. (Checked with recovery.js against Node's socket.io 4.8 and the same
     * scenario: the direct event arrives as {@code ["hello", <offset>]}, the client reconnects with the offset
     * of {@code "cut"} and is recovered with m1, m2, m3.) Tether's {@code Socket.emit} writes to the client
     * directly, with no offset, so the client reconnects with {@code "hello"} (or {@code "direct"}) as its
     * offset, which the adapter does not know: a fresh session.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"string-argument", "no-argument"})
    void directEmitBeforeTheCutDoesNotBreakRecovery(String kind) throws Exception {
        boolean withString = kind.equals("string-argument");
        Scenario scenario = serve(ConnectionStateRecovery.of(Duration.ofSeconds(30)), socket -> {
            if (withString) {
                socket.emit("direct", "hello");
            } else {
                socket.emit("direct");
            }
        });

        NodeResult result = run("websocket", "terminate", 100);

        assertThat(scenario.firstDisconnect).succeedsWithin(5, TimeUnit.SECONDS)
                .as(result.toString()).isIn(RECOVERABLE_CLOSE);
        Seen first = scenario.first();
        Seen second = await(scenario.second, result);
        JsonNode direct = result.events("received").stream()
                .filter(r -> r.path("name").asText().equals("direct")).findFirst().orElseThrow();
        if (withString) {
            assertThat(direct.path("args").path(0).asText()).isEqualTo("hello");
        }
        assertThat(second.recovered())
                .as("recovered after a direct emit; the client reconnected with offset %s (the direct event's "
                        + "args were %s): %s", result.event("cutting").path("offset"), direct.path("args"), result)
                .isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(result.events("connect").get(1).path("recovered").asBoolean()).isTrue();
        assertThat(news(result)).containsExactly("first", "m1", "m2", "m3");
    }
}
