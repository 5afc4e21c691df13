package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.tether.redis.RedisAdapterTestCluster.Client;
import io.tether.redis.RedisAdapterTestCluster.Node;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Node socket.io 4.8 server on @socket.io/redis-adapter 8.3 ({@code src/test/js-adapter}) and Tether nodes in
 * one cluster: broadcasts both ways, with rooms, except, local, socket.broadcast, namespaces and binary.
 */
class RedisClusterNodeInteropTest {
    private RedisTestServer redis;
    private RedisAdapterTestCluster cluster;
    private RedisAdapterNodeServer nodeJs;
    private Node tether;
    private final List<io.socket.client.Socket> nodeClients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisTestServer.start();
        cluster = new RedisAdapterTestCluster();
        tether = cluster.node(RedisAdapterOptions.of(redis.uri()), "/chat");
        nodeJs = RedisAdapterNodeServer.start(redis.port());
    }

    @AfterEach
    void stop() {
        for (io.socket.client.Socket socket : nodeClients) {
            socket.off();
            socket.close();
        }
        if (nodeJs != null) {
            nodeJs.close();
        }
        cluster.close();
        redis.close();
    }

    /** A Java client of the Node server, recording the first argument of {@code msg} events. */
    private static final class NodeClient {
        final io.socket.client.Socket socket;
        final List<Object> received = new CopyOnWriteArrayList<>();

        NodeClient(io.socket.client.Socket socket) {
            this.socket = socket;
            socket.on("msg", args -> received.add(args.length > 0 ? args[0] : null));
        }

        List<Object> messages() {
            return received.stream().filter(m -> !(m instanceof String s && s.startsWith("fence-"))).toList();
        }

        Object call(String event, Object arg) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            socket.emit(event, new Object[] {arg}, (Ack) args -> answer.complete(args.length > 0 ? args[0] : null));
            try {
                return answer.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(event + " not acknowledged: " + e, e);
            }
        }

        void join(String room) {
            assertThat(call("join", room)).isEqualTo("joined");
        }

        /** Makes the Node server broadcast. */
        void broadcast(JSONObject spec) {
            assertThat(call("do", spec)).isEqualTo("done");
        }
    }

    private NodeClient nodeClient(String nsp) {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        opts.transports = new String[] {"websocket"};
        io.socket.client.Socket socket = IO.socket(URI.create(nodeJs.url() + ("/".equals(nsp) ? "" : nsp)), opts);
        nodeClients.add(socket);
        NodeClient client = new NodeClient(socket);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(io.socket.client.Socket.EVENT_CONNECT_ERROR,
                args -> connected.completeExceptionally(new AssertionError("connect_error")));
        socket.connect();
        try {
            connected.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot connect to node server.js: " + e + "\n" + nodeJs.output(), e);
        }
        return client;
    }

    private static JSONObject spec(String event, Object... args) {
        JSONObject spec = new JSONObject();
        try {
            spec.put("event", event);
            spec.put("args", new JSONArray(List.of(args)));
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
        return spec;
    }

    private static JSONObject with(JSONObject spec, String key, Object value) {
        try {
            spec.put(key, value);
        } catch (org.json.JSONException e) {
            throw new IllegalStateException(e);
        }
        return spec;
    }

    private final AtomicInteger fences = new AtomicInteger();

    /** A broadcast to all from the Node server that every listed client must see: earlier ones arrived too. */
    private void fenceFromNode(NodeClient driver, String nsp, Client[] tetherClients, NodeClient... nodeClients) {
        String fence = "fence-" + fences.incrementAndGet();
        driver.broadcast(with(spec("msg", fence), "nsp", nsp));
        awaitFence(fence, tetherClients, nodeClients);
    }

    private void fenceFromTether(String nsp, Client[] tetherClients, NodeClient... nodeClients) {
        String fence = "fence-" + fences.incrementAndGet();
        tether.io.of(nsp).emit("msg", fence);
        awaitFence(fence, tetherClients, nodeClients);
    }

    private static void awaitFence(String fence, Client[] tetherClients, NodeClient... nodeClients) {
        for (Client c : tetherClients) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.received().contains(fence));
        }
        for (NodeClient c : nodeClients) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.received.contains(fence));
        }
    }

    @Test
    void tetherBroadcastsReachNodeClients() {
        Client t = cluster.connect(tether, "t");
        NodeClient inRoom = nodeClient("/");
        NodeClient outside = nodeClient("/");
        inRoom.join("r");

        tether.io.emit("msg", "all");
        tether.io.to("r").emit("msg", "to r");
        tether.io.except("r").emit("msg", "except r");
        tether.io.local().emit("msg", "local");
        tether.socketOf(t).broadcast().emit("msg", "from t");
        fenceFromTether("/", new Client[] {t}, inRoom, outside);

        assertThat(inRoom.messages()).containsExactly("all", "to r", "from t");
        assertThat(outside.messages()).containsExactly("all", "except r", "from t");
        assertThat(t.messages()).containsExactly("all", "except r", "local");
    }

    @Test
    void nodeBroadcastsReachTetherClients() {
        Client inRoom = cluster.connect(tether, "inRoom");
        Client outside = cluster.connect(tether, "outside");
        tether.socketOf(inRoom).join("r");
        NodeClient driver = nodeClient("/");

        driver.broadcast(spec("msg", "all"));
        driver.broadcast(with(spec("msg", "to r"), "rooms", new JSONArray(List.of("r"))));
        driver.broadcast(with(spec("msg", "except r"), "except", new JSONArray(List.of("r"))));
        driver.broadcast(with(spec("msg", "local"), "local", true));
        driver.broadcast(with(spec("msg", "from driver"), "fromSelf", true));
        fenceFromNode(driver, "/", new Client[] {inRoom, outside}, driver);

        assertThat(inRoom.messages()).containsExactly("all", "to r", "from driver");
        assertThat(outside.messages()).containsExactly("all", "except r", "from driver");
        assertThat(driver.messages()).containsExactly("all", "except r", "local");
    }

    @Test
    void fetchSocketsAndSocketsJoinBothWays() throws Exception {
        Client t = cluster.connect(tether, "t");
        tether.socketOf(t).join("r");
        tether.socketOf(t).data().put("name", "tess");
        NodeClient n = nodeClient("/");
        n.join("r");
        assertThat(n.call("setData", new JSONObject(java.util.Map.of("name", "nina")))).isEqualTo("done");
        String nodeId = n.socket.id();

        // Tether asks: the Node socket comes back with its rooms and data
        List<io.tether.socketio.RemoteSocket> found = tether.io.in("r").fetchSockets().get(10, TimeUnit.SECONDS);
        assertThat(found).extracting(io.tether.socketio.RemoteSocket::id)
                .containsExactlyInAnyOrder(t.socket.id(), nodeId);
        io.tether.socketio.RemoteSocket nina = found.stream().filter(s -> s.id().equals(nodeId)).findFirst()
                .orElseThrow();
        assertThat(nina.rooms()).contains("r", nodeId);
        assertThat(nina.data()).containsEntry("name", "nina");
        assertThat(nina.handshake().issued()).isNotNull();

        // Node asks: the Tether socket comes back the same way
        JSONArray fromNode = (JSONArray) n.call("fetch", with(new JSONObject(), "rooms", new JSONArray(List.of("r"))));
        assertThat(fromNode.length()).isEqualTo(2);
        JSONObject tess = null;
        for (int i = 0; i < fromNode.length(); i++) {
            if (fromNode.getJSONObject(i).getString("id").equals(t.socket.id())) {
                tess = fromNode.getJSONObject(i);
            }
        }
        assertThat(tess).as("Tether socket in Node's fetchSockets: " + fromNode).isNotNull();
        assertThat(tess.getJSONObject("data").getString("name")).isEqualTo("tess");
        assertThat(tess.getJSONArray("rooms").toString()).contains("\"r\"");
        assertThat(tess.getLong("issued")).isPositive();

        // Node's allRooms() hears from the Tether node too
        Object rooms = n.call("allRooms", "");
        assertThat(rooms).as("allRooms").isInstanceOf(JSONArray.class);
        assertThat(rooms.toString()).contains("\"r\"").contains(t.socket.id()).contains(nodeId);

        // socketsJoin both ways
        tether.io.in("r").socketsJoin("from-tether");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                ((JSONArray) n.call("rooms", "")).toString().contains("from-tether"));
        assertThat(n.call("socketsJoin", with(with(new JSONObject(), "rooms", new JSONArray(List.of("r"))),
                "join", "from-node"))).isEqualTo("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> tether.socketOf(t).rooms().contains("from-node"));
    }

    @Test
    void nodeEmitWithAckCollectsTheAnswersOfTetherClients() throws Exception {
        Client t1 = cluster.connect(tether, "t1");
        Client t2 = cluster.connect(tether, "t2");
        Client t3 = cluster.connect(tether, "t3");
        for (Client t : List.of(t1, t2, t3)) {
            t.socket.on("ask", args -> ((Ack) args[args.length - 1]).call(t.name + " answers " + args[0]));
        }
        tether.socketOf(t1).join("r");
        tether.socketOf(t2).join("r");
        NodeClient n = nodeClient("/");
        n.join("r");
        n.socket.on("ask", args -> ((Ack) args[args.length - 1]).call("node client answers " + args[0]));

        JSONObject spec = with(with(spec("ask", "q"), "rooms", new JSONArray(List.of("r"))), "timeout", 5000);
        JSONObject result = (JSONObject) n.call("emitWithAck", spec);
        assertThat(result.has("error")).as(result.toString()).isFalse();
        JSONArray responses = result.getJSONArray("responses");
        List<String> answers = new java.util.ArrayList<>();
        for (int i = 0; i < responses.length(); i++) {
            answers.add(responses.getString(i));
        }
        assertThat(answers).containsExactlyInAnyOrder("t1 answers q", "t2 answers q", "node client answers q");
    }

    @Test
    void tetherEmitWithAckCountsTheNodeNodesClients() throws Exception {
        Client t1 = cluster.connect(tether, "t1");
        t1.socket.on("ask", args -> ((Ack) args[args.length - 1]).call("t1 answers " + args[0]));
        NodeClient n1 = nodeClient("/");
        NodeClient n2 = nodeClient("/");
        n1.socket.on("ask", args -> ((Ack) args[args.length - 1]).call("n1 answers " + args[0]));
        n2.socket.on("ask", args -> ((Ack) args[args.length - 1]).call("n2 answers " + args[0]));
        n2.join("r");

        List<io.tether.socketio.EventArgs> answers = tether.io.timeout(2000).emitWithAck("ask", "q")
                .get(10, TimeUnit.SECONDS);
        assertThat(answers.stream().map(a -> a.text(0)).toList())
                .containsExactlyInAnyOrder("t1 answers q", "n1 answers q", "n2 answers q");

        answers = tether.io.to("r").timeout(2000).emitWithAck("ask", "r").get(10, TimeUnit.SECONDS);
        assertThat(answers.stream().map(a -> a.text(0)).toList()).containsExactly("n2 answers r");

        // a silent Node client: the timeout, with the others' answers
        NodeClient silent = nodeClient("/");
        CompletableFuture<io.tether.socketio.AckException> failed = new CompletableFuture<>();
        List<io.tether.socketio.EventArgs> partial = new CopyOnWriteArrayList<>();
        tether.io.timeout(1000).emit("ask", (error, responses) -> {
            partial.addAll(responses);
            failed.complete(error);
        }, "s");
        assertThat(failed.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(partial.stream().map(a -> a.text(0)).toList())
                .containsExactlyInAnyOrder("t1 answers s", "n1 answers s", "n2 answers s");
        assertThat(silent.socket.connected()).isTrue();
    }

    @Test
    void serverSideEmitBothWays() throws Exception {
        NodeClient n = nodeClient("/");
        List<String> atTether = new CopyOnWriteArrayList<>();
        tether.io.of("/").onServerSideEmit("ping", (args, ack) -> {
            atTether.add(args.values().toString());
            ack.send("pong from tether " + args.get(0).asInt());
        });

        // Tether -> Node, without and with an ack
        tether.io.of("/").serverSideEmit("ping", 1, "a");
        await().atMost(Duration.ofSeconds(10)).until(() -> ((JSONArray) n.call("pings", "")).length() == 1);
        assertThat(((JSONArray) n.call("pings", "")).getJSONArray(0).toString()).isEqualTo("[1,\"a\"]");
        List<io.tether.socketio.EventArgs> answers = tether.io.of("/").serverSideEmitWithAck("ping", 2)
                .get(10, TimeUnit.SECONDS);
        assertThat(answers.stream().map(a -> a.text(0)).toList()).containsExactly("pong 2");

        // Node -> Tether, without and with an ack
        JSONObject plain = with(spec("ping", 1), "withAck", false);
        assertThat(n.call("serverSideEmit", plain)).isEqualTo("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> atTether.size() == 1);
        assertThat(atTether).containsExactly("[1]");
        JSONObject result = (JSONObject) n.call("serverSideEmit", with(spec("ping", 3), "withAck", true));
        assertThat(result.has("error")).as(result.toString()).isFalse();
        assertThat(result.getJSONArray("responses").toString()).isEqualTo("[\"pong from tether 3\"]");
    }

    @Test
    void namespacesAndBinaryBothWays() {
        Client chatT = cluster.connect(tether, "/chat", "chatT");
        Client mainT = cluster.connect(tether, "mainT");
        NodeClient chatN = nodeClient("/chat");
        NodeClient mainN = nodeClient("/");
        List<Object[]> binAtNode = new CopyOnWriteArrayList<>();
        chatN.socket.on("bin", binAtNode::add);
        List<Object[]> binAtTether = new CopyOnWriteArrayList<>();
        chatT.socket.on("bin", binAtTether::add);

        tether.io.of("/chat").emit("bin", "from tether", new byte[] {9, 8, 7});
        mainN.broadcast(with(with(spec("bin", "from node"), "nsp", "/chat"), "binary", true));
        tether.io.of("/chat").emit("msg", "chat from tether");
        mainN.broadcast(with(spec("msg", "chat from node"), "nsp", "/chat"));
        fenceFromTether("/chat", new Client[] {chatT}, chatN);
        fenceFromNode(mainN, "/chat", new Client[] {chatT}, chatN);
        fenceFromTether("/", new Client[] {mainT}, mainN);

        // each side got both binary events: its own node's and the other's, as real binary
        for (List<Object[]> got : List.of(binAtNode, binAtTether)) {
            assertThat(got).hasSize(2);
            Object[] fromTether = got.stream().filter(a -> "from tether".equals(a[0])).findFirst().orElseThrow();
            assertThat((byte[]) fromTether[1]).containsExactly(9, 8, 7);
            Object[] fromNode = got.stream().filter(a -> "from node".equals(a[0])).findFirst().orElseThrow();
            assertThat((byte[]) fromNode[1]).containsExactly(1, 2, 3);
        }
        assertThat(chatT.messages()).containsExactlyInAnyOrder("chat from tether", "chat from node");
        assertThat(chatN.messages()).containsExactlyInAnyOrder("chat from tether", "chat from node");
        assertThat(mainT.messages()).isEmpty();
        assertThat(mainN.messages()).isEmpty();
    }
}
