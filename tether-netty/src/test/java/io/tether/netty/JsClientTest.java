package io.tether.netty;

import io.tether.testkit.NodeClient;

import static io.tether.testkit.NodeClient.binary;
import static io.tether.testkit.NodeClient.binaryType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tether.testkit.NodeClient.NodeResult;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official JavaScript socket.io client (4.8, under Node, see {@code src/test/js}) against Tether:
 * acknowledgements both ways and binary both ways, over WebSocket only, polling only, and the client's
 * default (polling, then an upgrade to WebSocket).
 */
class JsClientTest {
    /** Each script gives up after 10 s on its own; this only catches a script that hangs anyway. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    private TetherServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** Serves a Socket.IO server with default options on a free port; returns the port. */
    private int serve(Consumer<Socket> onConnection) {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().build());
        io.onConnection(onConnection);
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        return server.port();
    }

    private static JsonNode json(String text) {
        try {
            return NodeClient.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "default"})
    void clientEmitWithAckGetsTheServersAnswer(String mode) {
        record Received(String event, EventArgs args, String transport) { }
        List<Received> received = new CopyOnWriteArrayList<>();
        int port = serve(socket -> {
            // one argument: the array of what was received (emitWithAck resolves with the first argument only)
            socket.on("echo", (args, ack) -> {
                received.add(new Received("echo", args, socket.transport()));
                ArrayNode all = JsonNodeFactory.instance.arrayNode();
                all.addAll(args.values());
                ack.send(all);
            });
            socket.on("echo-spread", (args, ack) -> {
                received.add(new Received("echo-spread", args, socket.transport()));
                ack.send(args.toArray());
            });
        });

        NodeResult result = NodeClient.run("echo-ack.js", port, RUN_TIMEOUT, mode).assertSuccess();

        boolean upgrade = mode.equals("default");
        assertThat(result.eventNames()).as(result.toString()).containsExactlyElementsOf(upgrade
                ? List.of("connected", "ack", "ack-spread", "upgraded", "ack", "ack-spread", "done", "disconnect")
                : List.of("connected", "ack", "ack-spread", "done", "disconnect"));
        if (!upgrade) {
            assertThat(result.event("connected").path("transport").asText()).as(result::toString).isEqualTo(mode);
        }
        // with the default transports the client connects over polling and probes WebSocket at once; on localhost
        // the upgrade usually completes before the "connect" event fires (against Node's server too), so the
        // "first" emit may go either way
        for (JsonNode ack : result.events("ack")) {
            JsonNode answer = ack.get("answer");
            assertThat(answer.size()).as(result.toString()).isEqualTo(2);
            assertThat(answer.get(0)).isEqualTo(json("{\"a\":1}"));
            assertThat(binary(answer.get(1))).containsExactly(1, 2, 3);
            assertThat(binaryType(answer.get(1))).isEqualTo("Buffer");
        }
        for (JsonNode ack : result.events("ack-spread")) {
            JsonNode answers = ack.get("answers");
            assertThat(answers.size()).as(result.toString()).isEqualTo(3);
            assertThat(answers.get(0).asText()).isEqualTo("text");
            assertThat(answers.get(1).asInt()).isEqualTo(42);
            assertThat(binary(answers.get(2))).containsExactly(9, 8);
        }
        if (upgrade) {
            assertThat(result.event("upgraded").path("transport").asText()).isEqualTo("websocket");
            assertThat(result.events("ack").get(1).path("transport").asText()).isEqualTo("websocket");
        } else {
            assertThat(result.events("ack")).allSatisfy(a -> assertThat(a.path("transport").asText()).isEqualTo(mode));
        }

        // what the server received
        assertThat(received).extracting(Received::event).containsExactlyElementsOf(upgrade
                ? List.of("echo", "echo-spread", "echo", "echo-spread")
                : List.of("echo", "echo-spread"));
        for (Received r : received) {
            if (r.event().equals("echo")) {
                assertThat(r.args().size()).isEqualTo(2);
                assertThat(r.args().get(0)).isEqualTo(json("{\"a\":1}"));
                assertThat(r.args().bytes(1)).containsExactly(1, 2, 3);
            } else {
                assertThat(r.args().text(0)).isEqualTo("text");
                assertThat(r.args().get(1).asInt()).isEqualTo(42);
                assertThat(r.args().bytes(2)).containsExactly(9, 8);
            }
        }
        if (upgrade) {
            assertThat(received.get(received.size() - 1).transport()).isEqualTo("websocket");
        } else {
            assertThat(received).allSatisfy(r -> assertThat(r.transport()).isEqualTo(mode));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "default"})
    void serverEmitWithAckGetsTheClientsAnswer(String mode) throws Exception {
        CompletableFuture<EventArgs> answer = new CompletableFuture<>();
        int port = serve(socket -> socket.timeout(2000).emitWithAck("question", "ready?")
                .whenComplete((args, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                        socket.emit("done", "error: " + error);
                    } else {
                        answer.complete(args);
                        socket.emit("done", "ok");
                    }
                }));

        NodeResult result = NodeClient.run("server-ack.js", port, RUN_TIMEOUT, mode).assertSuccess();

        EventArgs args = answer.get(5, TimeUnit.SECONDS);
        assertThat(args.size()).isEqualTo(2);
        assertThat(args.text(0)).isEqualTo("yes");
        assertThat(args.bytes(1)).containsExactly(4, 5, 6);

        JsonNode question = result.event("question");
        assertThat(question.path("args")).isEqualTo(json("[\"ready?\"]"));
        assertThat(question.path("ackIsFunction").asBoolean()).isTrue();
        assertThat(result.event("server-done").path("result").asText()).isEqualTo("ok");
    }

    /** The same pseudo-random bytes as binary.js's large Buffer. */
    private static byte[] large() {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "default"})
    void binaryTravelsBothWays(String mode) throws Exception {
        CompletableFuture<EventArgs> upload = new CompletableFuture<>();
        byte[] large = large();
        int port = serve(socket -> {
            socket.on("upload", (args, ack) -> {
                upload.complete(args);
                ack.send(Map.of("count", args.size()));
            });
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("name", "nested");
            nested.put("data", new byte[] {10, 20, 30});
            nested.put("list", List.of(new byte[] {40}, "x"));
            socket.emit("download", new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff}, nested, new byte[0], large);
        });

        NodeResult result = NodeClient.run("binary.js", port, RUN_TIMEOUT, mode).assertSuccess();

        // server to client
        JsonNode download = result.event("download").path("args");
        assertThat(download.size()).as(result.toString()).isEqualTo(4);
        assertThat(binary(download.get(0))).containsExactly(0, 1, 2, 0xfe, 0xff);
        assertThat(binaryType(download.get(0))).isEqualTo("Buffer");
        assertThat(download.get(1).path("name").asText()).isEqualTo("nested");
        assertThat(binary(download.get(1).path("data"))).containsExactly(10, 20, 30);
        assertThat(binary(download.get(1).path("list").get(0))).containsExactly(40);
        assertThat(download.get(1).path("list").get(1).asText()).isEqualTo("x");
        assertThat(binary(download.get(2))).isEmpty();
        assertThat(binary(download.get(3))).isEqualTo(large);
        assertThat(result.event("upload-ack").path("answer")).isEqualTo(json("{\"count\":4}"));

        // client to server
        EventArgs args = upload.get(5, TimeUnit.SECONDS);
        assertThat(args.size()).isEqualTo(4);
        assertThat(args.bytes(0)).containsExactly(0, 1, 2, 0xfe, 0xff);
        assertThat(args.get(1).path("name").asText()).isEqualTo("nested");
        assertThat(args.get(1).path("data").binaryValue()).containsExactly(10, 20, 30);
        assertThat(args.get(1).path("list").get(0).binaryValue()).containsExactly(40);
        assertThat(args.get(1).path("list").get(1).asText()).isEqualTo("x");
        assertThat(args.bytes(2)).isEmpty();
        assertThat(args.bytes(3)).isEqualTo(large);
    }
}
