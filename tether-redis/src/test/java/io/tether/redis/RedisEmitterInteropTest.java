package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisEmitter} against the reference: a Node.js socket.io 4.8 server on {@code @socket.io/redis-adapter}
 * 8.3.0 ({@code src/test/js-emitter/server.js}) sharing a real redis-server, with Java socket.io clients (2.1.1)
 * connected to the Node server. Whatever a client receives was published by the emitter and delivered by the
 * Node adapter.
 *
 * <p>That a client did not receive an event is checked with a sentinel: after the targeted emit, an emit to
 * everyone; both go through one Redis connection and one Node subscriber, in order, so the first event a
 * left-out client gets is the sentinel.
 */
class RedisEmitterInteropTest {
    private static RedisTestServer redis;
    private static RedisEmitterNodeServer node;
    private static RedisEmitter emitter;
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisTestServer.start();
        node = RedisEmitterNodeServer.start(redis.port());
        emitter = RedisEmitter.create(redis.uri());
    }

    @AfterAll
    static void stop() {
        if (emitter != null) {
            emitter.close();
        }
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void disconnectClients() {
        clients.forEach(client -> client.socket.close());
    }

    /** One event as a client got it. */
    record Received(String event, Object[] args) {
        @Override
        public String toString() {
            return event + Arrays.deepToString(args);
        }
    }

    /** A Java socket.io client of the Node server, recording what it receives. */
    final class Client {
        final String name;
        final Socket socket;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final CompletableFuture<String> disconnected = new CompletableFuture<>();

        Client(String nsp, String name, String rooms) throws Exception {
            this(name, IO.socket(URI.create(node.url(nsp) + "?name=" + name + "&rooms=" + rooms), options()));
        }

        /** Another namespace on the same connection (the same Engine.IO socket) as {@code parent}. */
        Client(Client parent, String nsp) throws Exception {
            this(parent.name + nsp, parent.socket.io().socket(nsp));
        }

        private Client(String name, Socket socket) throws Exception {
            this.name = name;
            this.socket = socket;
            CompletableFuture<Void> connected = new CompletableFuture<>();
            socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                    new AssertionError(name + " cannot connect: " + Arrays.toString(args))));
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
            socket.onAnyIncoming(args -> received.add(
                    new Received(String.valueOf(args[0]), Arrays.copyOfRange(args, 1, args.length))));
            clients.add(this);
            socket.connect();
            connected.get(10, TimeUnit.SECONDS);
            // the server's connection handler (joining the rooms) has run once its line is printed
            node.await("connection", o -> o.path("id").asText().equals(socket.id()));
        }

        private static IO.Options options() {
            IO.Options options = new IO.Options();
            options.forceNew = true;
            options.reconnection = false;
            options.transports = new String[] {"websocket"};
            return options;
        }

        Received next() throws InterruptedException {
            Received event = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, name + " received nothing within 10 s");
            return event;
        }

        /** Asserts the next event is this one, then returns its arguments. */
        Object[] expect(String event) throws InterruptedException {
            Received next = next();
            assertEquals(event, next.event(), name + " got " + next);
            return next.args();
        }
    }

    private Client connect(String name, String rooms) throws Exception {
        return new Client("/", name, rooms);
    }

    private static void sentinel(RedisEmitter emitter, Client... clients) throws Exception {
        emitter.emit("sentinel").get(5, TimeUnit.SECONDS);
        for (Client client : clients) {
            client.expect("sentinel");
        }
    }

    @Test
    void emitReachesEveryClient() throws Exception {
        Client alice = connect("alice", "");
        Client bob = connect("bob", "");
        long servers = emitter.emit("news", "hello", 42, Map.of("k", "v"), List.of(1.5, true), null)
                .get(5, TimeUnit.SECONDS);
        assertEquals(1, servers, "one Node server subscribes to the namespace channel");
        for (Client client : List.of(alice, bob)) {
            Object[] args = client.expect("news");
            assertEquals(5, args.length, Arrays.deepToString(args));
            assertEquals("hello", args[0]);
            assertEquals(42, args[1]);
            assertEquals("v", ((JSONObject) args[2]).getString("k"));
            assertEquals("[1.5,true]", args[3].toString());
            assertEquals(JSONObject.NULL, args[4]);
        }
    }

    @Test
    void toRoomReachesItsMembersOnly() throws Exception {
        Client alice = connect("alice", "red");
        Client bob = connect("bob", "blue");
        Client carol = connect("carol", "red,blue");

        emitter.to("red").emit("red-news", 1);
        sentinel(emitter, bob);
        assertEquals(1, alice.expect("red-news")[0]);
        assertEquals(1, carol.expect("red-news")[0]);
        alice.expect("sentinel");
        carol.expect("sentinel");

        // two rooms: the namespace channel, each socket once
        emitter.in("red", "blue").emit("both", 2);
        for (Client client : List.of(alice, bob, carol)) {
            client.expect("both");
        }
        sentinel(emitter, alice, bob, carol);
    }

    @Test
    void exceptLeavesRoomsOut() throws Exception {
        Client alice = connect("alice", "red");
        Client bob = connect("bob", "blue");
        Client carol = connect("carol", "red,blue");

        emitter.except("blue").emit("not-blue");
        alice.expect("not-blue");
        sentinel(emitter, alice, bob, carol);

        // one room with an except: published on the room's channel
        emitter.to("red").except("blue").emit("red-not-blue");
        alice.expect("red-not-blue");
        sentinel(emitter, alice, bob, carol);

        // a socket id is a room
        emitter.except(alice.socket.id()).emit("not-alice");
        bob.expect("not-alice");
        carol.expect("not-alice");
        sentinel(emitter, alice, bob, carol);
    }

    @Test
    void binaryArrivesAsBinary() throws Exception {
        Client alice = connect("alice", "");
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        emitter.emit("file", bytes, Map.of("name", "f.bin", "data", new byte[] {9, 8}), "text");
        Object[] args = alice.expect("file");
        assertArrayEquals(bytes, assertInstanceOf(byte[].class, args[0]));
        JSONObject meta = (JSONObject) args[1];
        assertEquals("f.bin", meta.getString("name"));
        assertArrayEquals(new byte[] {9, 8}, assertInstanceOf(byte[].class, meta.get("data")));
        assertEquals("text", args[2]);
    }

    @Test
    void ofCustomNamespaceReachesThatNamespaceOnly() throws Exception {
        Client main = connect("main", "red");
        Client custom = new Client("/custom", "custom", "red");
        RedisEmitter customEmitter = emitter.of("custom");
        assertEquals("/custom", customEmitter.namespace());

        customEmitter.emit("custom-news", "c");
        assertEquals("c", custom.expect("custom-news")[0]);
        customEmitter.to("red").emit("custom-red", new byte[] {5});
        assertArrayEquals(new byte[] {5}, (byte[]) custom.expect("custom-red")[0]);
        sentinel(emitter, main);
        customEmitter.emit("sentinel").get(5, TimeUnit.SECONDS);
        custom.expect("sentinel");
    }

    @Test
    void socketsJoinThenARoomEmitReachesTheJoinedSocket() throws Exception {
        Client alice = connect("alice", "red");
        Client bob = connect("bob", "blue");

        emitter.in("red").socketsJoin("vip", "gold");
        emitter.to("vip").emit("vip-news", "welcome");
        assertEquals("welcome", alice.expect("vip-news")[0]);
        emitter.to("gold").emit("gold-news");
        alice.expect("gold-news");
        sentinel(emitter, alice, bob);

        // by socket id, then leaving
        emitter.in(bob.socket.id()).socketsJoin("vip");
        emitter.in("vip").except("red").socketsLeave("gold");
        emitter.in("red").socketsLeave("vip");
        emitter.to("vip").emit("vip-news", "bob only");
        assertEquals("bob only", bob.expect("vip-news")[0]);
        emitter.to("gold").emit("gold-news");
        alice.expect("gold-news");
        sentinel(emitter, alice, bob);
    }

    @Test
    void disconnectSocketsDisconnectsTheSelectedSockets() throws Exception {
        Client alice = connect("alice", "red");
        Client aliceCustom = new Client(alice, "/custom");
        Client bob = connect("bob", "blue");
        Client bobCustom = new Client(bob, "/custom");
        Client carol = connect("carol", "red");

        // close=false: alice leaves "/" only; her "/custom" socket on the same connection stays
        String aliceId = alice.socket.id();
        emitter.in("red").except(carol.socket.id()).disconnectSockets(false);
        assertEquals("io server disconnect", alice.disconnected.get(10, TimeUnit.SECONDS));
        assertEquals("server namespace disconnect",
                node.await("disconnect", o -> o.path("id").asText().equals(aliceId)).path("reason").asText());
        sentinel(emitter, bob, carol);
        emitter.of("/custom").emit("still-here").get(5, TimeUnit.SECONDS);
        aliceCustom.expect("still-here");
        bobCustom.expect("still-here");

        // close=true: the connection closes, taking bob's "/custom" socket along
        String bobCustomId = bobCustom.socket.id();
        emitter.disconnectSockets(true);
        assertEquals("io server disconnect", bob.disconnected.get(10, TimeUnit.SECONDS));
        assertEquals("io server disconnect", carol.disconnected.get(10, TimeUnit.SECONDS));
        bobCustom.disconnected.get(10, TimeUnit.SECONDS);
        node.await("disconnect", o -> o.path("id").asText().equals(bobCustomId));
        // alice had left "/" already: her connection, with its "/custom" socket, is untouched
        emitter.of("/custom").emit("still-here").get(5, TimeUnit.SECONDS);
        aliceCustom.expect("still-here");
        assertTrue(bobCustom.received.isEmpty(), "bob's /custom socket got " + bobCustom.received);
    }

    @Test
    void serverSideEmitReachesTheServersListeners() throws Exception {
        emitter.serverSideEmit("server-event", "hi", 7, Map.of("k", List.of(1, 2)));
        JsonNode json = node.await("serverSideEmit", o -> o.path("args").path(0).asText().equals("hi"));
        assertEquals("/", json.path("nsp").asText());
        assertEquals("[\"hi\",7,{\"k\":[1,2]}]", json.path("args").toString());

        // with binary the request is msgpack, which the adapter decodes to a Buffer
        emitter.of("/custom").serverSideEmit("server-event", "bin", new byte[] {1, 2, 3});
        JsonNode binary = node.await("serverSideEmit", o -> o.path("args").path(0).asText().equals("bin"));
        assertEquals("/custom", binary.path("nsp").asText());
        JsonNode described = binary.path("args").path(1);
        assertEquals("Buffer", described.path("type").asText(), described.toString());
        assertArrayEquals(new byte[] {1, 2, 3}, Base64.getDecoder().decode(described.path("$binary").asText()));
        assertTrue(node.observations("serverSideEmit").size() >= 2);
    }

    @Test
    void notepackReadsAndWritesOurMsgpackByteForByte() throws Exception {
        // integers up to 2^53 in magnitude: beyond, a JS number cannot hold a long exactly (notepack then
        // writes the nearest double as an integer)
        Map<String, Object> wide = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            wide.put("k" + i, i * 1000);
        }
        List<Object> values = List.of(
                0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, 1L << 53,
                -1, -32, -33, -128, -129, -32768, -32769, -2147483648L, -2147483649L, -(1L << 53),
                0.5, -2.25, 1e300, 3.0, -0.0, 0.1f, Double.NaN, Double.POSITIVE_INFINITY,
                "", "é€😀", "x".repeat(31), "x".repeat(32), "x".repeat(255), "x".repeat(256), "x".repeat(70_000),
                new byte[0], new byte[300], new byte[70_000], true, false, wide,
                java.util.Collections.nCopies(16, "a"), java.util.Collections.nCopies(70_000, 1));
        java.nio.file.Path dir = RedisEmitterNodeServer.ensureInstalled();
        Process process = new ProcessBuilder("node", "notepack-roundtrip.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> sent = new ArrayList<>();
        try (var in = process.getOutputStream()) {
            for (Object value : values) {
                String hex = java.util.HexFormat.of().formatHex(RedisProtocol.msgpack(RedisProtocol.toNode(value)));
                sent.add(hex);
                in.write((hex + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        List<String> lines = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node notepack-roundtrip.js did not end");
        assertEquals(values.size(), lines.size(), "one line per value");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < values.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            String value = String.valueOf(values.get(i));
            if (values.get(i).equals(1e300)) {
                // notepack reads our float64 right but writes an integral double beyond 2^64 as a wrong uint64
                assertEquals(1e300, line.path("value").asDouble());
                continue;
            }
            assertEquals(sent.get(i), line.path("reencoded").asText(),
                    "notepack writes " + value.substring(0, Math.min(60, value.length())) + " otherwise");
        }
        // and the values are the JS ones
        assertEquals("é€😀", json.readTree(lines.get(values.indexOf("é€😀"))).path("value").asText());
        assertEquals(3, json.readTree(lines.get(values.indexOf(3.0))).path("value").asInt());
        assertEquals(-(1L << 53), json.readTree(lines.get(values.indexOf(-(1L << 53)))).path("value").asLong());
    }
}
