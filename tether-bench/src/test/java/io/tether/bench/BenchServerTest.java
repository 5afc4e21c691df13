package io.tether.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Handshake;
import io.tether.testkit.Futures;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bench contract (BENCH.md), driven with the official Java client on both namespaces. */
class BenchServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BenchServer bench;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        for (Socket client : clients) {
            client.off();
            client.close();
        }
        if (bench != null) {
            bench.close();
        }
    }

    // ---- the command line ----

    @Test
    void printsItsPidThenReadyWithTheRealPort() {
        start("--port", "0");

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(bench.port()).isPositive();
        assertThat(lines).containsExactly("PID " + ProcessHandle.current().pid(), "READY " + bench.port());
    }

    @Test
    void parsesItsFlagsWithTheLibraryDefaultsWhenAbsent() {
        assertThat(BenchServer.Config.parse()).isEqualTo(new BenchServer.Config(7400, false, 0));
        assertThat(BenchServer.Config.parse("--port", "9000")).isEqualTo(new BenchServer.Config(9000, false, 0));
        assertThat(BenchServer.Config.parse("--port=0", "--inline-handlers", "--io-threads", "2"))
                .isEqualTo(new BenchServer.Config(0, true, 2));
        assertThat(BenchServer.Config.parse("--io-threads=1")).isEqualTo(new BenchServer.Config(7400, false, 1));

        assertThatThrownBy(() -> BenchServer.Config.parse("--port")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchServer.Config.parse("--port", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchServer.Config.parse("--port", "70000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchServer.Config.parse("--io-threads", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchServer.Config.parse("--frobnicate"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesTheLibraryDefaultsUnlessAFlagSaysOtherwise() {
        start("--port", "0");
        assertThat(bench.socketIo().options().handlerExecution()).isEqualTo(HandlerExecution.automatic());
        bench.close();

        start("--port", "0", "--inline-handlers", "--io-threads", "1");
        assertThat(bench.socketIo().options().handlerExecution()).isEqualTo(HandlerExecution.inline());
    }

    // ---- the events, on each namespace ----

    @ParameterizedTest
    @ValueSource(strings = {"/", "/custom"})
    void echoAcksWithItsArgument(String namespace) {
        start("--port", "0");
        assertEcho(connect(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/custom"})
    void joinAcksOk(String namespace) {
        start("--port", "0");
        Socket client = connect(namespace);

        join(client, "room-a");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(bench.socketIo().of(namespace).sockets().values())
                .singleElement().satisfies(s -> assertThat(s.rooms()).contains("room-a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/custom"})
    void fanoutReachesEveryMemberOfTheRoomIncludingTheSender(String namespace) {
        start("--port", "0");
        assertFanout(namespace);
    }

    @Test
    void customNamespaceAcceptsAConnectAuthPayload() {
        start("--port", "0");
        IO.Options opts = options();
        opts.auth = Map.of("token", "s3cret", "user", "bench");

        Socket client = connect("/custom", opts);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Handshake handshake = bench.socketIo().of("/custom").sockets().values().iterator().next().handshake();
            assertThat(handshake.auth().path("token").asText()).isEqualTo("s3cret");
            assertThat(handshake.auth().path("user").asText()).isEqualTo("bench");
        });
        assertEcho(client);
    }

    @Test
    void honoursTheContractWithInlineHandlersOnOneIoThread() {
        start("--port", "0", "--inline-handlers", "--io-threads", "1");
        for (String namespace : BenchServer.NAMESPACES) {
            assertEcho(connect(namespace));
            assertFanout(namespace);
        }
    }

    // ---- the process: java -cp ... io.tether.bench.BenchServer, stopped with SIGTERM ----

    @Test
    void runsAsAProcessAndStopsGracefullyOnSigterm() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BenchServer.class.getName(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the stream was closed
            }
        }, "bench-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(nextLine(lines)).isEqualTo("PID " + process.pid());
            String ready = nextLine(lines);
            assertThat(ready).matches("READY [1-9][0-9]*");
            int port = Integer.parseInt(ready.substring("READY ".length()));

            // over polling: this client ignores a WebSocket close frame until its next heartbeat timeout
            IO.Options polling = options();
            polling.transports = new String[] {"polling"};
            Socket client = connect(URI.create("http://127.0.0.1:" + port + "/custom"), polling);
            assertEcho(client);
            CompletableFuture<Object> disconnected = new CompletableFuture<>();
            client.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(args.length > 0 ? args[0] : null));

            // SIGTERM; unlike Process.destroy(), ProcessHandle.destroy() leaves the process's stdout open to read
            assertThat(process.toHandle().destroy()).isTrue();

            assertThat(process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(nextLine(lines)).isEqualTo("STOPPED");
            assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            // the close rides on the client's waiting GET ("transport close"), or its next GET fails
            assertThat(result(disconnected)).isIn("transport close", "transport error");
        } finally {
            process.destroyForcibly();
        }
    }

    // ---- contract checks ----

    private void assertEcho(Socket client) {
        JSONObject object = new JSONObject(Map.of("n", 42, "text", "héllo", "nested",
                new JSONObject(Map.of("list", new JSONArray(List.of(1, "two", true))))));
        Object[] objectAck = emitWithAck(client, "echo", object);
        assertThat(objectAck).hasSize(1);
        assertThat(objectAck[0]).isInstanceOf(JSONObject.class);
        assertThat(json(objectAck[0])).isEqualTo(json(object));

        assertThat(emitWithAck(client, "echo", "a string")).containsExactly("a string");
    }

    /**
     * Two members of room-1 (one of them the sender) receive the payload; a member of another room and a socket
     * of the other namespace in a room of the same name do not. A non-member's inbox is checked once a later
     * message sent to it alone arrived: a connection delivers in order, so the earlier one would be there first.
     */
    private void assertFanout(String namespace) {
        String other = namespace.equals("/") ? "/custom" : "/";
        Socket sender = connect(namespace);
        Socket member = connect(namespace);
        Socket outsider = connect(namespace);
        Socket elsewhere = connect(other);
        BlockingQueue<Object> senderInbox = inbox(sender);
        BlockingQueue<Object> memberInbox = inbox(member);
        BlockingQueue<Object> outsiderInbox = inbox(outsider);
        BlockingQueue<Object> elsewhereInbox = inbox(elsewhere);
        join(sender, "room-1");
        join(member, "room-1");
        join(outsider, "room-2");
        join(elsewhere, "room-1");

        JSONObject payload = new JSONObject(Map.of("seq", 1, "body", "fan me out"));
        sender.emit("fanout", new JSONObject(Map.of("room", "room-1", "payload", payload)));

        for (BlockingQueue<Object> inbox : List.of(senderInbox, memberInbox)) {
            Object received = next(inbox);
            assertThat(received).isInstanceOf(JSONObject.class);
            assertThat(json(received)).isEqualTo(json(payload));
        }
        outsider.emit("fanout", new JSONObject(Map.of("room", "room-2", "payload", "marker")));
        elsewhere.emit("fanout", new JSONObject(Map.of("room", "room-1", "payload", "marker")));
        assertThat(next(outsiderInbox)).isEqualTo("marker");
        assertThat(next(elsewhereInbox)).isEqualTo("marker");
        assertThat(outsiderInbox).isEmpty();
        assertThat(elsewhereInbox).isEmpty();
        assertThat(senderInbox).isEmpty();
        assertThat(memberInbox).isEmpty();
    }

    private void join(Socket client, String room) {
        assertThat(emitWithAck(client, "join", room)).containsExactly("ok");
    }

    // ---- plumbing ----

    private void start(String... args) {
        stdout.reset();
        bench = BenchServer.run(new PrintStream(stdout, true, StandardCharsets.UTF_8), args);
    }

    /** A JSON value of the client (org.json) as a Jackson tree, to compare by value. */
    private static JsonNode json(Object value) {
        try {
            return MAPPER.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }

    private static IO.Options options() {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        return opts;
    }

    private Socket connect(String namespace) {
        return connect(namespace, options());
    }

    private Socket connect(String namespace, IO.Options opts) {
        String path = namespace.equals("/") ? "" : namespace;
        return connect(URI.create("http://127.0.0.1:" + bench.port() + path), opts);
    }

    private Socket connect(URI uri, IO.Options opts) {
        Socket client = IO.socket(uri, opts);
        clients.add(client);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        client.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        client.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error: " + (args.length > 0 ? args[0] : null))));
        client.connect();
        result(connected);
        return client;
    }

    private static BlockingQueue<Object> inbox(Socket client) {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        client.on("msg", args -> inbox.add(args.length > 0 ? args[0] : JSONObject.NULL));
        return inbox;
    }

    private static Object[] emitWithAck(Socket client, String event, Object arg) {
        CompletableFuture<Object[]> ack = new CompletableFuture<>();
        client.emit(event, new Object[] {arg}, ack::complete);
        return result(ack);
    }

    private static Object next(BlockingQueue<Object> inbox) {
        try {
            Object value = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new AssertionError("no msg within " + TIMEOUT);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String nextLine(BlockingQueue<String> lines) {
        try {
            String line = lines.poll(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no line on the server's stdout within " + TIMEOUT.multipliedBy(3));
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static <T> T result(CompletableFuture<T> future) {
        return Futures.result(future, TIMEOUT);
    }
}
