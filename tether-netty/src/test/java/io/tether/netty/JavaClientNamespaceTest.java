package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.tether.socketio.Handshake;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** Named namespaces, namespace middleware and the handshake data, with the official Java client. */
class JavaClientNamespaceTest extends JavaClientTestSupport {

    // ---- namespaces ----

    @Test
    void clientJoinsNamedNamespaceWithoutTriggeringMainNamespaceHandlers() {
        AtomicInteger mainConnections = new AtomicInteger();
        CompletableFuture<Socket> chatSocket = new CompletableFuture<>();
        startDefault(sio -> {
            sio.onConnection(socket -> mainConnections.incrementAndGet());
            sio.of("/chat").onConnection(socket -> {
                socket.on("say", (args, ack) -> ack.send("chat got " + args.text(0)));
                chatSocket.complete(socket);
            });
        });

        io.socket.client.Socket client = connect(client("/chat", options()));
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        client.emit("say", new Object[] {"hi"}, answer::complete);

        assertThat(result(answer)[0]).isEqualTo("chat got hi");
        assertThat(result(chatSocket).namespace().name()).isEqualTo("/chat");
        assertThat(mainConnections).hasValue(0);
        assertThat(socketIo.sockets().sockets()).isEmpty();
        assertThat(socketIo.of("/chat").sockets()).containsKey(result(chatSocket).id());
    }

    @Test
    void twoNamespacesAreMultiplexedOverOneManagerConnection() {
        CompletableFuture<Socket> mainSocket = new CompletableFuture<>();
        CompletableFuture<Socket> chatSocket = new CompletableFuture<>();
        startDefault(sio -> {
            sio.onConnection(socket -> {
                socket.on("who", (args, ack) -> ack.send("main"));
                mainSocket.complete(socket);
            });
            sio.of("/chat").onConnection(socket -> {
                socket.on("who", (args, ack) -> ack.send("chat"));
                chatSocket.complete(socket);
            });
        });
        Manager manager = manager(options("websocket"));
        io.socket.client.Socket main = connect(track(manager.socket("/")));
        io.socket.client.Socket chat = connect(track(manager.socket("/chat")));

        CompletableFuture<Object[]> mainAnswer = new CompletableFuture<>();
        CompletableFuture<Object[]> chatAnswer = new CompletableFuture<>();
        main.emit("who", new Object[0], mainAnswer::complete);
        chat.emit("who", new Object[0], chatAnswer::complete);

        assertThat(result(mainAnswer)[0]).isEqualTo("main");
        assertThat(result(chatAnswer)[0]).isEqualTo("chat");
        assertThat(result(mainSocket).connectionId()).isEqualTo(result(chatSocket).connectionId());
        assertThat(result(mainSocket).id()).isNotEqualTo(result(chatSocket).id());
        assertThat(socketIo.engine().clientsCount()).isEqualTo(1);
    }

    @Test
    void namespaceEmitReachesEverySocketOfThatNamespaceOnly() {
        startDefault(sio -> sio.of("/news"));
        io.socket.client.Socket reader1 = connect(client("/news", options("websocket")));
        io.socket.client.Socket reader2 = connect(client("/news", options("polling")));
        io.socket.client.Socket outsider = connect(client(options("websocket")));
        CompletableFuture<Object[]> got1 = new CompletableFuture<>();
        CompletableFuture<Object[]> got2 = new CompletableFuture<>();
        CompletableFuture<Object[]> gotOutside = new CompletableFuture<>();
        reader1.on("headline", completing(got1));
        reader2.on("headline", completing(got2));
        outsider.on("headline", completing(gotOutside));
        CompletableFuture<Object[]> outsiderPong = new CompletableFuture<>();
        outsider.on("pong", completing(outsiderPong));

        socketIo.of("/news").emit("headline", "extra!", 1);
        socketIo.emit("pong");

        assertThat(result(got1)).containsExactly("extra!", 1);
        assertThat(result(got2)).containsExactly("extra!", 1);
        // had the /news broadcast reached the outsider, it would have come before this later event on its connection
        result(outsiderPong);
        assertThat(gotOutside).isNotDone();
    }

    @Test
    void unknownNamespaceGivesInvalidNamespaceConnectError() throws Exception {
        startDefault(sio -> { });
        io.socket.client.Socket client = client("/nope", options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        client.connect();

        Object data = result(error)[0];
        assertThat(data).isInstanceOf(JSONObject.class);
        assertThat(((JSONObject) data).getString("message")).isEqualTo("Invalid namespace");
        assertThat(client.connected()).isFalse();
    }

    @Test
    void middlewareRejectionReachesClientWithMessageAndData() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        startDefault(sio -> sio.of("/admin")
                .use((socket, next) -> next.reject("not authorized", Map.of("reason", "no token", "code", 42)))
                .onConnection(socket -> connections.incrementAndGet()));
        io.socket.client.Socket client = client("/admin", options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        client.connect();

        JSONObject data = (JSONObject) result(error)[0];
        assertThat(data.getString("message")).isEqualTo("not authorized");
        JSONObject details = data.getJSONObject("data");
        assertThat(details.getString("reason")).isEqualTo("no token");
        assertThat(details.getInt("code")).isEqualTo(42);
        assertThat(connections).hasValue(0);
        assertThat(socketIo.of("/admin").sockets()).isEmpty();
    }

    @Test
    void middlewareAcceptingFromAnotherThreadLetsClientIn() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.of("/async")
                .use((socket, next) -> CompletableFuture.runAsync(next::accept))
                .onConnection(joined::complete));

        connect(client("/async", options()));

        assertThat(result(joined).connected()).isTrue();
    }

    @Test
    void middlewareSeesAuthAndCanRefuseBasedOnIt() throws Exception {
        startDefault(sio -> sio.use((socket, next) -> {
            if ("letmein".equals(socket.handshake().auth().path("token").asText())) {
                next.accept();
            } else {
                next.reject("bad token");
            }
        }));
        IO.Options bad = options();
        bad.auth = Map.of("token", "wrong");
        io.socket.client.Socket refused = client(bad);
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        refused.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));
        refused.connect();
        IO.Options good = options();
        good.auth = Map.of("token", "letmein");

        assertThat(((JSONObject) result(error)[0]).getString("message")).isEqualTo("bad token");
        assertThat(((JSONObject) result(error)[0]).has("data")).isFalse();
        assertThat(connect(client(good)).connected()).isTrue();
    }

    // ---- handshake ----

    @Test
    void authPayloadIsVisibleInHandshake() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(joined::complete));
        IO.Options opts = options();
        opts.auth = Map.of("token", "abc123", "user", "alice");

        connect(client(opts));

        Handshake handshake = result(joined).handshake();
        assertThat(handshake.auth().get("token").asText()).isEqualTo("abc123");
        assertThat(handshake.auth().get("user").asText()).isEqualTo("alice");
    }

    @Test
    void missingAuthIsAnEmptyObject() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(joined::complete));

        connect(client(options()));

        assertThat(result(joined).handshake().auth().isObject()).isTrue();
        assertThat(result(joined).handshake().auth().isEmpty()).isTrue();
    }

    @Test
    void queryParametersAreVisibleInHandshake() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(joined::complete));
        IO.Options opts = options("polling");
        opts.query = "room=lobby&lang=fr";

        connect(client(opts));

        Map<String, String> query = result(joined).handshake().query();
        assertThat(query).containsEntry("room", "lobby").containsEntry("lang", "fr")
                .containsEntry("EIO", "4").containsEntry("transport", "polling");
    }

    @Test
    void headersAreVisibleInHandshake() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(joined::complete));
        IO.Options opts = options();
        opts.extraHeaders = Map.of("X-Tether-Test", List.of("yes"));

        connect(client(opts));

        Handshake handshake = result(joined).handshake();
        assertThat(handshake.headers()).containsEntry("x-tether-test", "yes")
                .containsEntry("host", "127.0.0.1:" + server.port());
        assertThat(handshake.address()).isEqualTo("127.0.0.1");
        assertThat(handshake.url()).startsWith("/socket.io/?EIO=4&transport=polling");
        assertThat(handshake.secure()).isFalse();
        assertThat(handshake.xdomain()).isFalse();
    }

    @Test
    void webSocketHandshakeHeadersAreVisible() {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(joined::complete));
        IO.Options opts = options("websocket");
        opts.extraHeaders = Map.of("X-Tether-Test", List.of("ws"));

        connect(client(opts));

        Handshake handshake = result(joined).handshake();
        assertThat(handshake.headers()).containsEntry("x-tether-test", "ws").containsKey("upgrade");
        assertThat(handshake.query()).containsEntry("transport", "websocket");
    }

    @Test
    void connectTimeoutClosesAConnectionThatJoinsNoNamespace() {
        start(SocketIoOptions.builder().connectTimeout(Duration.ofMillis(200)).build());
        listen();
        RawWebSocket ws = rawWebSocket();
        assertThat(ws.nextText()).startsWith("0{");

        assertThat(result(ws.closed())).isNotNull();
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
    }
}
