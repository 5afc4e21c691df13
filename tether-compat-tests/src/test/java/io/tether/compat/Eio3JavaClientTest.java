package io.tether.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import io.tether.netty.TetherServer;
import io.tether.socketio.EventArgs;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.Futures;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Engine.IO v3 / Socket.IO v2 clients: the official Java client 1.x ({@code io.socket:socket.io-client:1.0.2})
 * against a Tether server with {@code allowEIO3(true)}, over each transport setting of the client.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Eio3JavaClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The client's transports. */
    enum Transports {
        POLLING_ONLY(Set.of("polling"), Polling.NAME),
        WEBSOCKET_ONLY(Set.of("websocket"), WebSocket.NAME),
        DEFAULT_WITH_UPGRADE(Set.of("polling", "websocket"), Polling.NAME, WebSocket.NAME);

        /** The transports the server may see the connection on. */
        final Set<String> serverSide;
        final String[] names;

        Transports(Set<String> serverSide, String... names) {
            this.serverSide = serverSide;
            this.names = names;
        }
    }

    private SocketIoServer io;
    private TetherServer server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(Socket::close);
        if (server != null) {
            server.stop();
        }
    }

    /** A server that accepts v3 clients, configured by the test before it listens. */
    private SocketIoServer startServer(boolean allowEio3, Consumer<SocketIoServer> setup) {
        io = SocketIoServer.create(SocketIoOptions.builder().allowEIO3(allowEio3).build());
        setup.accept(io);
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        return io;
    }

    private SocketIoServer startServer(Consumer<SocketIoServer> setup) {
        return startServer(true, setup);
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A new client (not connected yet: add listeners, then {@code connect()}), closed after the test. */
    private Socket client(String namespace, Transports transports) throws URISyntaxException {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.timeout = TIMEOUT.toMillis();
        options.transports = transports.names;
        Socket socket = IO.socket(url() + namespace, options);
        clients.add(socket);
        return socket;
    }

    /** A client connected to the main namespace. */
    private Socket connectedClient(Transports transports) throws Exception {
        return connected(client("", transports));
    }

    private static Socket connected(Socket socket) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error: " + List.of(args))));
        socket.connect();
        waitFor(connected);
        return socket;
    }

    private static <T> T waitFor(CompletableFuture<T> future) {
        return Futures.result(future, TIMEOUT);
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("connects to the main namespace, with the id the server gives the socket")
    void connectsToTheMainNamespace(Transports transports) throws Exception {
        CompletableFuture<io.tether.socketio.Socket> joined = new CompletableFuture<>();
        startServer(io -> io.onConnection(joined::complete));

        Socket client = connectedClient(transports);

        io.tether.socketio.Socket socket = waitFor(joined);
        assertThat(client.connected()).isTrue();
        assertThat(socket.namespace().name()).isEqualTo("/");
        assertThat(client.id()).isEqualTo(socket.id());
        assertThat(socket.transport()).isIn(transports.serverSide);
    }

    @Test
    @DisplayName("DEFAULT_WITH_UPGRADE: the connection moves from polling to WebSocket, and events still flow")
    void upgradesFromPollingToWebSocket() throws Exception {
        CompletableFuture<io.tether.socketio.Socket> joined = new CompletableFuture<>();
        startServer(io -> io.onConnection(socket -> {
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
            joined.complete(socket);
        }));

        Socket client = connectedClient(Transports.DEFAULT_WITH_UPGRADE);
        io.tether.socketio.Socket socket = waitFor(joined);

        await().atMost(TIMEOUT).until(() -> "websocket".equals(socket.transport()));
        CompletableFuture<Object> answer = new CompletableFuture<>();
        client.emit("echo", new Object[] {"after upgrade"}, args -> answer.complete(args[0]));
        assertThat(waitFor(answer)).isEqualTo("after upgrade");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("an event from the client reaches the server with its arguments")
    void clientEventReachesTheServer(Transports transports) throws Exception {
        CompletableFuture<EventArgs> received = new CompletableFuture<>();
        startServer(io -> io.onConnection(socket -> socket.on("ev", (args, ack) -> received.complete(args))));

        Socket client = connectedClient(transports);
        client.emit("ev", "hello", 42, new JSONObject(Map.of("a", 1)));

        EventArgs args = waitFor(received);
        assertThat(args.size()).isEqualTo(3);
        assertThat(args.text(0)).isEqualTo("hello");
        assertThat(args.get(1).asInt()).isEqualTo(42);
        assertThat(args.get(2)).isEqualTo(JSON.readTree("{\"a\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("an event from the server reaches the client with its arguments")
    void serverEventReachesTheClient(Transports transports) throws Exception {
        startServer(io -> io.onConnection(socket -> socket.on("ready",
                (args, ack) -> socket.emit("greeting", "hi", 7, Map.of("k", "v")))));
        CompletableFuture<Object[]> received = new CompletableFuture<>();

        Socket client = connectedClient(transports);
        client.on("greeting", received::complete);
        client.emit("ready");

        Object[] args = waitFor(received);
        assertThat(args).hasSize(3);
        assertThat(args[0]).isEqualTo("hi");
        assertThat(args[1]).isEqualTo(7);
        assertThat(args[2]).isInstanceOf(JSONObject.class);
        assertThat(((JSONObject) args[2]).getString("k")).isEqualTo("v");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("the server answers a client's event with an acknowledgement")
    void serverAcknowledgesAClientEvent(Transports transports) throws Exception {
        startServer(io -> io.onConnection(socket -> socket.on("question",
                (args, ack) -> ack.send("answer to " + args.text(0), 42))));
        CompletableFuture<Object[]> acknowledged = new CompletableFuture<>();

        Socket client = connectedClient(transports);
        client.emit("question", new Object[] {"life"}, (Ack) acknowledged::complete);

        Object[] args = waitFor(acknowledged);
        assertThat(args).containsExactly("answer to life", 42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("the client answers a server's event with an acknowledgement")
    void clientAcknowledgesAServerEvent(Transports transports) throws Exception {
        CompletableFuture<EventArgs> acknowledged = new CompletableFuture<>();
        startServer(io -> io.onConnection(socket -> socket.on("ready", (args, ack) -> socket.emit("ask",
                (error, answer) -> {
                    if (error != null) {
                        acknowledged.completeExceptionally(error);
                    } else {
                        acknowledged.complete(answer);
                    }
                }, "name?"))));

        Socket client = connectedClient(transports);
        client.on("ask", args -> {
            Ack ack = (Ack) args[args.length - 1];
            ack.call("tether", args[0]);
        });
        client.emit("ready");

        EventArgs answer = waitFor(acknowledged);
        assertThat(answer.size()).isEqualTo(2);
        assertThat(answer.text(0)).isEqualTo("tether");
        assertThat(answer.text(1)).isEqualTo("name?");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("binary from the client reaches the server as bytes")
    void binaryFromTheClientReachesTheServer(Transports transports) throws Exception {
        CompletableFuture<EventArgs> received = new CompletableFuture<>();
        startServer(io -> io.onConnection(socket -> socket.on("upload", (args, ack) -> received.complete(args))));

        Socket client = connectedClient(transports);
        client.emit("upload", allByteValues(), "caption", new byte[] {42});

        EventArgs args = waitFor(received);
        assertThat(args.size()).isEqualTo(3);
        assertThat(args.bytes(0)).isEqualTo(allByteValues());
        assertThat(args.text(1)).isEqualTo("caption");
        assertThat(args.bytes(2)).containsExactly(42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("binary from the server reaches the client as bytes")
    void binaryFromTheServerReachesTheClient(Transports transports) throws Exception {
        // Sent as the client connects: with DEFAULT_WITH_UPGRADE too, it travels over polling, before the upgrade.
        // Over v3 polling, Node answers a client that did not ask for base64 (no b64=1, as this client) with a
        // binary payload (application/octet-stream); this client cannot decode base64 "b4..." packets.
        startServer(io -> io.onConnection(socket -> socket.emit("download", allByteValues(), "caption",
                new byte[] {42})));
        CompletableFuture<Object[]> received = new CompletableFuture<>();

        Socket client = client("", transports);
        client.on("download", received::complete);
        client.on(Socket.EVENT_DISCONNECT, args -> received.completeExceptionally(
                new AssertionError("the client disconnected before the event arrived: " + List.of(args))));
        connected(client);

        Object[] args = waitFor(received);
        assertThat(args).hasSize(3);
        assertThat(args[0]).isInstanceOf(byte[].class);
        assertThat((byte[]) args[0]).isEqualTo(allByteValues());
        assertThat(args[1]).isEqualTo("caption");
        assertThat((byte[]) args[2]).containsExactly(42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("connects to a named namespace, with the id the server gives the socket")
    void connectsToANamedNamespace(Transports transports) throws Exception {
        CompletableFuture<io.tether.socketio.Socket> joined = new CompletableFuture<>();
        startServer(io -> io.of("/chat").onConnection(joined::complete));

        Socket client = connected(client("/chat", transports));

        io.tether.socketio.Socket socket = waitFor(joined);
        assertThat(socket.namespace().name()).isEqualTo("/chat");
        assertThat(client.id()).isEqualTo(socket.id());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("events and acknowledgements stay in the named namespace")
    void exchangesEventsInANamedNamespace(Transports transports) throws Exception {
        AtomicInteger mainNamespaceEvents = new AtomicInteger();
        startServer(io -> {
            io.onConnection(socket -> socket.on("where", (args, ack) -> {
                mainNamespaceEvents.incrementAndGet();
                ack.send("/");
            }));
            io.of("/chat").onConnection(socket -> socket.on("where", (args, ack) -> {
                ack.send(socket.namespace().name());
                socket.emit("news", "for /chat only");
            }));
        });
        CompletableFuture<Object> answer = new CompletableFuture<>();
        CompletableFuture<Object> news = new CompletableFuture<>();

        Socket client = connected(client("/chat", transports));
        client.on("news", args -> news.complete(args[0]));
        client.emit("where", new Object[0], args -> answer.complete(args[0]));

        assertThat(waitFor(answer)).isEqualTo("/chat");
        assertThat(waitFor(news)).isEqualTo("for /chat only");
        assertThat(mainNamespaceEvents).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("a server-side disconnect reaches the client as \"io server disconnect\"")
    void serverSideDisconnectReachesTheClient(Transports transports) throws Exception {
        startServer(io -> io.onConnection(socket -> socket.on("leave", (args, ack) -> socket.disconnect())));
        CompletableFuture<Object> reason = new CompletableFuture<>();

        Socket client = connectedClient(transports);
        client.on(Socket.EVENT_DISCONNECT, args -> reason.complete(args.length > 0 ? args[0] : null));
        client.emit("leave");

        assertThat(waitFor(reason)).isEqualTo("io server disconnect");
        assertThat(client.connected()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transports.class)
    @DisplayName("a server without allowEIO3 refuses the v3 client with a connection error")
    void serverWithoutAllowEio3RefusesTheClient(Transports transports) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        startServer(false, io -> io.onConnection(socket -> connections.incrementAndGet()));
        CompletableFuture<Object> error = new CompletableFuture<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();

        Socket client = client("", transports);
        client.on(Socket.EVENT_CONNECT_ERROR, args -> error.complete(args.length > 0 ? args[0] : null));
        client.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        client.connect();

        assertThat(waitFor(error)).isInstanceOf(Exception.class);
        assertThat(connected).isNotDone();
        assertThat(connections).hasValue(0);
        assertThat(io.engine().clientsCount()).isZero();
    }

    @Test
    @DisplayName("a v3 polling handshake is framed <length>:0{...}, followed by the connect packet 2:40")
    void v3PollingHandshakeIsFramedWithLengths() throws Exception {
        startServer(io -> { });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(url() + "/socket.io/?EIO=3&transport=polling")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        String payload = response.body();
        List<String> packets = v3Packets(payload);
        JsonNode open = JSON.readTree(packets.get(0).substring(1));
        if (packets.size() == 1) {
            // Node sends the connect packet in the next response; Tether may send it with the open packet
            String sid = open.get("sid").asText();
            payload += http.send(HttpRequest.newBuilder(
                    URI.create(url() + "/socket.io/?EIO=3&transport=polling&sid=" + sid)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            packets = v3Packets(payload);
        }

        assertThat(payload).matches("\\d+:0\\{.*}2:40");
        assertThat(payload).startsWith(packets.get(0).length() + ":0{");
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0)).startsWith("0{");
        assertThat(packets.get(1)).isEqualTo("40");
        List<String> keys = new ArrayList<>();
        open.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("sid", "upgrades", "pingInterval", "pingTimeout");
        assertThat(open.get("sid").isTextual()).isTrue();
        assertThat(open.get("upgrades")).isEqualTo(JSON.readTree("[\"websocket\"]"));
        assertThat(open.get("pingInterval").asLong()).isEqualTo(25_000);
        assertThat(open.get("pingTimeout").asLong()).isEqualTo(20_000);
    }

    @Test
    @DisplayName("a v3 polling handshake to a server without allowEIO3 is refused: 400, unsupported protocol version")
    void v3PollingHandshakeIsRefusedWithoutAllowEio3() throws Exception {
        startServer(false, io -> { });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(url() + "/socket.io/?EIO=3&transport=polling")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"code\":5,\"message\":\"Unsupported protocol version\"}"));
    }

    /** Splits a v3 text payload, {@code <length>:<packet>...}, checking every length. */
    private static List<String> v3Packets(String payload) {
        List<String> packets = new ArrayList<>();
        int i = 0;
        while (i < payload.length()) {
            int colon = payload.indexOf(':', i);
            assertThat(colon).as("a length prefix at %d in %s", i, payload).isGreaterThan(i);
            String digits = payload.substring(i, colon);
            assertThat(digits).as("the length prefix at %d in %s", i, payload).matches("\\d+");
            int length = Integer.parseInt(digits);
            assertThat(colon + 1 + length).as("the packet length at %d in %s", i, payload)
                    .isLessThanOrEqualTo(payload.length());
            packets.add(payload.substring(colon + 1, colon + 1 + length));
            i = colon + 1 + length;
        }
        return packets;
    }
}
