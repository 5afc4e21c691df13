package io.tether.testkit.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.socketio.DisconnectReason;
import io.tether.socketio.EventArgs;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transport outside tether-core, bound through the transport SPI alone ({@link InProcessClient}), carries a
 * whole Socket.IO session: connect, events, acknowledgements both ways, binary attachments both ways, server
 * emits and both kinds of disconnect. Handlers run inline, so every effect is there when a call returns.
 */
class InProcessTransportTest {
    private SocketIoServer io;
    private InProcessClient client;
    private final List<Socket> connected = new CopyOnWriteArrayList<>();
    private final List<DisconnectReason> disconnectReasons = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openAConnection() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        io.onConnection(socket -> {
            connected.add(socket);
            socket.onDisconnect(disconnectReasons::add);
        });
        client = InProcessClient.open(io);
    }

    private Socket connectToMainNamespace() {
        String sid = client.connect("/");
        assertThat(connected).hasSize(1);
        Socket socket = connected.get(0);
        assertThat(socket.id()).isEqualTo(sid);
        return socket;
    }

    @Test
    void connectPacketIsAnsweredWithTheSocketIdOverTheTransport() {
        client.send("40");

        String answer = client.awaitFrame(f -> f.startsWith("40"));
        Socket socket = connected.get(0);
        assertThat(answer).isEqualTo("40{\"sid\":\"" + socket.id() + "\"}");
        assertThat(socket.connectionId()).isEqualTo(client.sessionId());
        assertThat(socket.transport()).isEqualTo("websocket");
        assertThat(io.sockets().sockets()).containsKey(socket.id());
    }

    @Test
    void eventFromTheClientReachesItsHandlerWithItsArguments() {
        Socket socket = connectToMainNamespace();
        List<String> received = new CopyOnWriteArrayList<>();
        socket.on("hello", (args, ack) -> received.add(args.text(0) + " " + args.get(1).asInt()));

        client.send("42[\"hello\",\"world\",1]");

        assertThat(received).containsExactly("world 1");
    }

    @Test
    void clientAsksForAnAcknowledgementAndTheHandlerAnswersIt() {
        Socket socket = connectToMainNamespace();
        socket.on("inc", (args, ack) -> ack.send(args.get(0).asInt() + 1));

        client.send("427[\"inc\",41]");

        assertThat(client.awaitFrame(f -> f.startsWith("43"))).isEqualTo("437[42]");
    }

    @Test
    void serverAsksForAnAcknowledgementAndTheClientAnswersIt() throws Exception {
        Socket socket = connectToMainNamespace();

        CompletableFuture<EventArgs> answer = socket.emitWithAck("question", "why");
        String asked = client.awaitFrame(f -> f.startsWith("42"));
        assertThat(asked).matches("42\\d+\\[\"question\",\"why\"]");
        String ackId = asked.substring(2, asked.indexOf('['));
        client.send("43" + ackId + "[\"because\"]");

        assertThat(answer.get(5, TimeUnit.SECONDS).text(0)).isEqualTo("because");
    }

    @Test
    void binaryEventFromTheClientReachesItsHandlerWithTheAttachment() {
        Socket socket = connectToMainNamespace();
        List<String> received = new CopyOnWriteArrayList<>();
        socket.on("upload", (args, ack) ->
                received.add(args.text(0) + ":" + new String(args.bytes(1), StandardCharsets.UTF_8)));

        client.send("451-[\"upload\",\"notes.txt\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(received).as("nothing before the attachment arrives").isEmpty();
        client.sendBinary("hello".getBytes(StandardCharsets.UTF_8));

        assertThat(received).containsExactly("notes.txt:hello");
    }

    @Test
    void binaryEventFromTheServerTravelsAsAPacketFollowedByItsAttachment() {
        Socket socket = connectToMainNamespace();
        client.clear();

        socket.emit("file", "a.bin", new byte[] {1, 2, 3});

        assertThat(client.frames()).containsExactly(
                "451-[\"file\",\"a.bin\",{\"_placeholder\":true,\"num\":0}]", "<binary AQID>");
    }

    @Test
    void serverEmitReachesTheClient() {
        connectToMainNamespace();

        io.emit("news", Map.of("headline", "in process"));

        client.awaitFrame("42[\"news\",{\"headline\":\"in process\"}]");
    }

    @Test
    void clientDisconnectPacketDisconnectsTheSocket() {
        Socket socket = connectToMainNamespace();

        client.send("41");

        assertThat(disconnectReasons).containsExactly(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        assertThat(socket.connected()).isFalse();
        assertThat(io.sockets().sockets()).doesNotContainKey(socket.id());
    }

    @Test
    void serverSideDisconnectSendsTheDisconnectPacket() {
        Socket socket = connectToMainNamespace();

        socket.disconnect();

        client.awaitFrame("41");
        assertThat(disconnectReasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        assertThat(io.sockets().sockets()).doesNotContainKey(socket.id());
    }

    @Test
    void serverSideDisconnectWithCloseClosesTheTransport() {
        connectToMainNamespace().disconnect(true);

        assertThat(client.closedByServer()).isTrue();
        assertThat(io.engine().session(client.sessionId())).isNull();
    }

    @Test
    void droppedConnectionDisconnectsTheSocketWithTransportClose() {
        connectToMainNamespace();

        client.drop();

        assertThat(disconnectReasons).containsExactly(DisconnectReason.TRANSPORT_CLOSE);
        assertThat(io.engine().clientsCount()).isZero();
    }
}
