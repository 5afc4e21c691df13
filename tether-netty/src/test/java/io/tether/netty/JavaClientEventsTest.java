package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Events, acknowledgements and binary data, both ways, with the official Java client; every case runs over
 * WebSocket and over HTTP long-polling (where binary travels base64-encoded).
 */
class JavaClientEventsTest {
    private static final byte[] BYTES = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42};

    @Nested
    class OverWebSocket extends Cases {
        @Override
        String transport() {
            return "websocket";
        }
    }

    @Nested
    class OverPolling extends Cases {
        @Override
        String transport() {
            return "polling";
        }
    }

    abstract static class Cases extends JavaClientTestSupport {
        abstract String transport();

        private final CompletableFuture<Socket> serverSocket = new CompletableFuture<>();
        private final CompletableFuture<EventArgs> received = new CompletableFuture<>();
        private final CompletableFuture<String> serverReason = new CompletableFuture<>();
        private io.socket.client.Socket client;

        @BeforeEach
        void connectClient() {
            startDefault(sio -> sio.onConnection(socket -> {
                socket.on("data", (args, ack) -> received.complete(args));
                socket.on("echo", (args, ack) -> ack.send(args.toArray()));
                socket.on("bytes-back", (args, ack) -> ack.send(BYTES));
                socket.onDisconnect(reason -> serverReason.complete(reason.wireName()));
                serverSocket.complete(socket);
            }));
            client = connected(options(transport()));
        }

        /** The future's value; fails at once, with the reason, if the server drops the socket first. */
        private <T> T answer(CompletableFuture<T> future) {
            serverReason.thenAccept(reason -> future.completeExceptionally(new AssertionError(
                    "the server disconnected the socket (" + reason + ") before the reply came")));
            return result(future);
        }

        // ---- JSON events ----

        @Test
        void clientEventWithJsonObjectAndSeveralArgumentsReachesServer() throws Exception {
            JSONObject user = new JSONObject();
            user.put("name", "alice");
            user.put("age", 30);
            user.put("tags", new JSONArray(List.of("a", "b")));

            client.emit("data", user, 42, "text", true, JSONObject.NULL);

            EventArgs args = answer(received);
            assertThat(args.size()).isEqualTo(5);
            JsonNode obj = args.get(0);
            assertThat(obj.get("name").asText()).isEqualTo("alice");
            assertThat(obj.get("age").asInt()).isEqualTo(30);
            assertThat(obj.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(args.get(1).asInt()).isEqualTo(42);
            assertThat(args.text(2)).isEqualTo("text");
            assertThat(args.get(3).asBoolean()).isTrue();
            assertThat(args.get(4).isNull()).isTrue();
        }

        @Test
        void serverEventWithJsonObjectAndSeveralArgumentsReachesClient() throws Exception {
            CompletableFuture<Object[]> news = new CompletableFuture<>();
            client.on("news", completing(news));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("title", "hello");
            item.put("count", 3);
            item.put("nested", Map.of("ok", true));

            answer(serverSocket).emit("news", item, 7, "second", List.of(1, 2, 3));

            Object[] args = answer(news);
            assertThat(args).hasSize(4);
            JSONObject obj = (JSONObject) args[0];
            assertThat(obj.getString("title")).isEqualTo("hello");
            assertThat(obj.getInt("count")).isEqualTo(3);
            assertThat(obj.getJSONObject("nested").getBoolean("ok")).isTrue();
            assertThat(args[1]).isEqualTo(7);
            assertThat(args[2]).isEqualTo("second");
            assertThat(args[3].toString()).isEqualTo("[1,2,3]");
        }

        // ---- acknowledgements ----

        @Test
        void serverHandlerAcknowledgesClientEvent() throws Exception {
            CompletableFuture<Object[]> reply = new CompletableFuture<>();
            JSONObject question = new JSONObject();
            question.put("q", "life");

            client.emit("echo", new Object[] {question, 42}, (Ack) reply::complete);

            Object[] args = answer(reply);
            assertThat(args).hasSize(2);
            assertThat(((JSONObject) args[0]).getString("q")).isEqualTo("life");
            assertThat(args[1]).isEqualTo(42);
        }

        @Test
        void clientListenerAcknowledgesServerEvent() {
            client.on("question", args -> {
                Ack ack = (Ack) args[args.length - 1];
                ack.call("reply to " + args[0], 42);
            });
            CompletableFuture<EventArgs> reply = new CompletableFuture<>();

            answer(serverSocket).emit("question", (error, args) -> {
                if (error != null) {
                    reply.completeExceptionally(error);
                } else {
                    reply.complete(args);
                }
            }, "life");

            EventArgs args = answer(reply);
            assertThat(args.text(0)).isEqualTo("reply to life");
            assertThat(args.get(1).asInt()).isEqualTo(42);
        }

        @Test
        void serverAckTimesOutWhenClientNeverAcknowledges() {
            CompletableFuture<Object[]> delivered = new CompletableFuture<>();
            client.on("ignored", completing(delivered));
            CompletableFuture<AckException> timedOut = new CompletableFuture<>();

            answer(serverSocket).timeout(200).emit("ignored", (error, args) -> {
                if (error != null) {
                    timedOut.complete(error);
                } else {
                    timedOut.completeExceptionally(new AssertionError("unexpected ack " + args));
                }
            }, "x");

            assertThat(answer(delivered)[0]).isEqualTo("x");
            assertThat(answer(delivered)[1]).isInstanceOf(Ack.class);
            assertThat(answer(timedOut)).isInstanceOf(AckException.class)
                    .hasMessage("operation has timed out");
        }

        @Test
        void emitWithAckCompletesWithClientAnswer() {
            client.on("add", args -> ((Ack) args[2]).call((Integer) args[0] + (Integer) args[1]));

            EventArgs reply = answer(answer(serverSocket).emitWithAck("add", 2, 3));

            assertThat(reply.get(0).asInt()).isEqualTo(5);
        }

        @Test
        void timedEmitWithAckFailsWithAckExceptionWhenClientNeverAcknowledges() {
            client.on("ignored", args -> { });

            Throwable failure = failureOf(answer(serverSocket).timeout(200).emitWithAck("ignored"));

            assertThat(failure).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        }

        @Test
        void emitWithAckFailsWhenClientDisconnectsInsteadOfAnswering() {
            client.on("bye", args -> client.disconnect());

            Throwable failure = failureOf(answer(serverSocket).emitWithAck("bye"));

            assertThat(failure).isInstanceOf(AckException.class).hasMessage("socket has been disconnected");
        }

        // ---- binary ----

        @Test
        void clientSendsBinaryArgument() {
            client.emit("data", "file", BYTES);

            EventArgs args = answer(received);
            assertThat(args.text(0)).isEqualTo("file");
            assertThat(args.bytes(1)).isEqualTo(BYTES);
        }

        @Test
        void serverSendsBinaryArgument() {
            CompletableFuture<Object[]> file = new CompletableFuture<>();
            client.on("file", completing(file));

            answer(serverSocket).emit("file", "name.bin", BYTES);

            Object[] args = answer(file);
            assertThat(args[0]).isEqualTo("name.bin");
            assertThat(args[1]).isInstanceOf(byte[].class);
            assertThat((byte[]) args[1]).isEqualTo(BYTES);
        }

        @Test
        void clientSendsBinaryInsideObject() throws Exception {
            JSONObject upload = new JSONObject();
            upload.put("name", "a.bin");
            upload.put("content", BYTES);
            upload.put("parts", new JSONArray(List.of(new byte[] {9}, "x")));

            client.emit("data", upload);

            JsonNode obj = answer(received).get(0);
            assertThat(obj.get("name").asText()).isEqualTo("a.bin");
            assertThat(obj.get("content").isBinary()).isTrue();
            assertThat(obj.get("content").binaryValue()).isEqualTo(BYTES);
            assertThat(obj.get("parts").get(0).binaryValue()).isEqualTo(new byte[] {9});
            assertThat(obj.get("parts").get(1).asText()).isEqualTo("x");
        }

        @Test
        void serverSendsBinaryInsideObject() throws Exception {
            CompletableFuture<Object[]> file = new CompletableFuture<>();
            client.on("file", completing(file));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("name", "b.bin");
            payload.put("content", BYTES);
            payload.put("parts", List.of(new byte[] {7}, "y"));

            answer(serverSocket).emit("file", payload);

            JSONObject obj = (JSONObject) answer(file)[0];
            assertThat(obj.getString("name")).isEqualTo("b.bin");
            assertThat(obj.get("content")).isInstanceOf(byte[].class);
            assertThat((byte[]) obj.get("content")).isEqualTo(BYTES);
            assertThat((byte[]) obj.getJSONArray("parts").get(0)).isEqualTo(new byte[] {7});
            assertThat(obj.getJSONArray("parts").get(1)).isEqualTo("y");
        }

        @Test
        void serverAcknowledgesWithBinary() {
            CompletableFuture<Object[]> reply = new CompletableFuture<>();

            client.emit("bytes-back", new Object[0], (Ack) reply::complete);

            Object[] args = answer(reply);
            assertThat(args[0]).isInstanceOf(byte[].class);
            assertThat((byte[]) args[0]).isEqualTo(BYTES);
        }

        @Test
        void clientAcknowledgesWithBinary() {
            client.on("want-bytes", args -> ((Ack) args[0]).call("here", BYTES));

            EventArgs reply = answer(answer(serverSocket).emitWithAck("want-bytes"));

            assertThat(reply.text(0)).isEqualTo("here");
            assertThat(reply.bytes(1)).isEqualTo(BYTES);
        }

        @Test
        void binaryRoundTripsThroughAnEchoAck() {
            CompletableFuture<Object[]> reply = new CompletableFuture<>();

            client.emit("echo", new Object[] {BYTES, "tail"}, (Ack) reply::complete);

            Object[] args = answer(reply);
            assertThat((byte[]) args[0]).isEqualTo(BYTES);
            assertThat(args[1]).isEqualTo("tail");
        }
    }
}
