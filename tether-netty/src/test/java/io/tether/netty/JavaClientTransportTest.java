package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.tether.socketio.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Java client (Engine.IO 4) over each transport: connect, send an event, get the reply. */
class JavaClientTransportTest extends JavaClientTestSupport {
    private final CompletableFuture<Socket> serverSocket = new CompletableFuture<>();

    @BeforeEach
    void startServer() {
        startDefault(sio -> sio.onConnection(socket -> {
            socket.on("hello", (args, ack) -> socket.emit("reply", "hi " + args.text(0)));
            serverSocket.complete(socket);
        }));
    }

    @Test
    void pollingOnlyClientConnectsAndExchangesEvents() {
        io.socket.client.Socket client = connected(options("polling"));

        assertThat(roundTrip(client, "polly")).isEqualTo("hi polly");
        assertThat(result(serverSocket).transport()).isEqualTo("polling");
    }

    @Test
    void webSocketOnlyClientConnectsAndExchangesEvents() {
        io.socket.client.Socket client = connected(options("websocket"));

        assertThat(roundTrip(client, "wes")).isEqualTo("hi wes");
        assertThat(result(serverSocket).transport()).isEqualTo("websocket");
    }

    @Test
    void defaultClientUpgradesFromPollingToWebSocket() {
        IO.Options opts = options();
        io.socket.client.Socket client = connected(opts);
        Socket socket = result(serverSocket);

        await().atMost(TIMEOUT).until(() -> "websocket".equals(socket.transport()));
        assertThat(roundTrip(client, "upgraded")).isEqualTo("hi upgraded");
    }

    @Test
    void eventsSentWhileUpgradingAllArriveInOrder() {
        CompletableFuture<String> last = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        io.socket.client.Socket client = client(options());
        client.on("reply", args -> {
            seen.append(args[0]).append(';');
            if ("hi 19".equals(args[0])) {
                last.complete(seen.toString());
            }
        });
        connect(client);
        for (int i = 0; i < 20; i++) {
            client.emit("hello", String.valueOf(i));
        }

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            expected.append("hi ").append(i).append(';');
        }
        assertThat(result(last)).isEqualTo(expected.toString());
    }

    private static String roundTrip(io.socket.client.Socket client, String name) {
        CompletableFuture<Object[]> reply = new CompletableFuture<>();
        client.once("reply", completing(reply));
        client.emit("hello", name);
        return (String) result(reply)[0];
    }
}
