package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.tether.socketio.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who ends a connection and how, and the reason each side reports, with the official Java client. */
class JavaClientDisconnectTest extends JavaClientTestSupport {
    private final CompletableFuture<Socket> serverSocket = new CompletableFuture<>();
    private final CompletableFuture<String> serverReason = new CompletableFuture<>();

    @BeforeEach
    void startServer() {
        startDefault(sio -> {
            sio.onConnection(socket -> {
                socket.onDisconnect(reason -> serverReason.complete(reason.wireName()));
                socket.on("ping", (args, ack) -> ack.send("pong"));
                serverSocket.complete(socket);
            });
            sio.of("/chat").onConnection(socket -> socket.on("ping", (args, ack) -> ack.send("chat pong")));
        });
    }

    // ---- the server disconnects ----

    @Test
    void serverDisconnectGivesClientIoServerDisconnect() {
        io.socket.client.Socket client = connected(options("websocket"));
        CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));

        result(serverSocket).disconnect();

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        assertThat(client.connected()).isFalse();
    }

    @Test
    void serverDisconnectReportsServerNamespaceDisconnectOnServer() {
        connected(options("websocket"));

        result(serverSocket).disconnect();

        assertThat(result(serverReason)).isEqualTo("server namespace disconnect");
        assertThat(result(serverSocket).connected()).isFalse();
        assertThat(socketIo.sockets().sockets()).isEmpty();
    }

    @Test
    void serverDisconnectWithCloseGivesClientIoServerDisconnectAndClosesConnection() {
        io.socket.client.Socket client = connected(options("polling"));
        CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));

        result(serverSocket).disconnect(true);

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        assertThat(result(serverReason)).isEqualTo("server namespace disconnect");
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
    }

    @Test
    void serverDisconnectOfOneNamespaceKeepsTheOtherOnTheSameConnection() {
        Manager manager = manager(options("websocket"));
        io.socket.client.Socket main = connect(track(manager.socket("/")));
        io.socket.client.Socket chat = connect(track(manager.socket("/chat")));
        CompletableFuture<Object[]> mainDisconnected = new CompletableFuture<>();
        main.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(mainDisconnected));

        result(serverSocket).disconnect();

        assertThat(result(mainDisconnected)[0]).isEqualTo("io server disconnect");
        CompletableFuture<Object[]> pong = new CompletableFuture<>();
        chat.emit("ping", new Object[0], pong::complete);
        assertThat(result(pong)[0]).isEqualTo("chat pong");
        assertThat(socketIo.engine().clientsCount()).isEqualTo(1);
    }

    // ---- the client disconnects ----

    @Test
    void clientDisconnectOverWebSocketReportsClientNamespaceDisconnect() {
        io.socket.client.Socket client = connected(options("websocket"));

        client.disconnect();

        assertThat(result(serverReason)).isEqualTo("client namespace disconnect");
    }

    @Test
    void clientDisconnectOverPollingReportsClientNamespaceDisconnect() {
        io.socket.client.Socket client = connected(options("polling"));

        client.disconnect();

        assertThat(result(serverReason)).isEqualTo("client namespace disconnect");
    }

    @Test
    void clientDisconnectOfLastNamespaceClosesTheConnection() {
        io.socket.client.Socket client = connected(options("websocket"));
        result(serverSocket);

        client.disconnect();

        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
    }

    @Test
    void clientClosingItsWebSocketReportsTransportClose() {
        AtomicReference<WebSocket> webSocket = new AtomicReference<>();
        connected(capturingWebSocket(webSocket));
        result(serverSocket);

        // what the Engine.IO client does when it closes: a clean close frame, no Socket.IO DISCONNECT first
        webSocket.get().close(1000, "");

        assertThat(result(serverReason)).isEqualTo("transport close");
    }

    @Test
    void clientDroppingItsTcpConnectionReportsTransportClose() {
        AtomicReference<WebSocket> webSocket = new AtomicReference<>();
        connected(capturingWebSocket(webSocket));
        result(serverSocket);

        webSocket.get().cancel();

        assertThat(result(serverReason)).isEqualTo("transport close");
    }

    // ---- the server stops ----

    @Test
    void stopDisconnectsServerSocketsWithServerShuttingDown() {
        connected(options("websocket"));
        result(serverSocket);

        server.stop();

        assertThat(result(serverReason)).isEqualTo("server shutting down");
    }

    @Test
    void stopDisconnectsPollingServerSocketsWithServerShuttingDown() {
        connected(options("polling"));
        result(serverSocket);

        server.stop();

        assertThat(result(serverReason)).isEqualTo("server shutting down");
    }

    /*
     * Over polling only: over WebSocket the server's close frame is never answered by this client (its OkHttp
     * listener ignores onClosing), so it only notices at its next heartbeat timeout, as it would with Node.
     */
    @Test
    void stopClosesPollingClientsWithTransportClose() {
        io.socket.client.Socket client = connected(options("polling"));
        CompletableFuture<Object[]> disconnected = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_DISCONNECT, completing(disconnected));

        // the close packet rides on the client's waiting GET; without one the client would only see its next
        // GET fail ("transport error"), as with Node
        String sid = socketIo.engine().sessions().iterator().next().id();
        await().atMost(TIMEOUT).until(() -> socketIo.engine().transports().session(sid).polling().writable());

        server.stop();

        assertThat(result(disconnected)[0]).isEqualTo("transport close");
    }

    /** WebSocket-only client options whose OkHttp WebSocket the test can reach. */
    private static IO.Options capturingWebSocket(AtomicReference<WebSocket> webSocket) {
        OkHttpClient okHttp = new OkHttpClient();
        IO.Options opts = options("websocket");
        opts.webSocketFactory = (request, listener) -> {
            WebSocket ws = okHttp.newWebSocket(request, listener);
            webSocket.set(ws);
            return ws;
        };
        return opts;
    }
}
