package io.tether.testkit.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tether.socketio.AckCallback;
import io.tether.socketio.BroadcastAckCallback;
import io.tether.socketio.DisconnectReason;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Socket} without a network: rooms, selectors, listeners, middleware and disconnects, handlers inline. */
class SocketTest {
    private SocketIoServer io;
    private InProcessClient aliceClient;
    private InProcessClient bobClient;
    private Socket alice;
    private Socket bob;
    private final List<DisconnectReason> disconnectReasons = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connectAliceAndBob() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        io.onConnection(socket -> socket.onDisconnect(disconnectReasons::add));
        aliceClient = InProcessClient.open(io);
        alice = io.sockets().sockets().get(aliceClient.connect("/"));
        bobClient = InProcessClient.open(io);
        bob = io.sockets().sockets().get(bobClient.connect("/"));
        aliceClient.clear();
        bobClient.clear();
    }

    @Test
    void aSocketIsInItsOwnRoomFromTheStart() {
        assertThat(alice.rooms()).containsExactly(alice.id());
    }

    @Test
    void joinPutsTheSocketInTheRooms() {
        alice.join("a", "b");

        assertThat(alice.rooms()).containsExactlyInAnyOrder(alice.id(), "a", "b");
    }

    @Test
    void leaveTakesTheSocketOutOfTheRoom() {
        alice.join("a", "b");

        alice.leave("a");

        assertThat(alice.rooms()).containsExactlyInAnyOrder(alice.id(), "b");
    }

    @Test
    void aDisconnectedSocketJoinsNothing() {
        alice.disconnect();

        alice.join("late");

        assertThat(io.sockets().adapter().rooms()).doesNotContain("late");
    }

    @Test
    void toFromASocketReachesTheRoomButNotTheSocketItself() {
        alice.join("r");
        bob.join("r");

        alice.to("r").emit("hi");

        assertThat(bobClient.frames()).containsExactly("42[\"hi\"]");
        assertThat(aliceClient.frames()).isEmpty();
    }

    @Test
    void broadcastFromASocketReachesEveryoneElse() {
        alice.broadcast().emit("hi");

        assertThat(bobClient.frames()).containsExactly("42[\"hi\"]");
        assertThat(aliceClient.frames()).isEmpty();
    }

    @Test
    void exceptSkipsTheSocketsInTheRoom() {
        bob.join("quiet");

        io.except("quiet").emit("news");

        assertThat(aliceClient.frames()).containsExactly("42[\"news\"]");
        assertThat(bobClient.frames()).isEmpty();
    }

    @Test
    void onAnySeesEveryIncomingEventBeforeItsHandler() {
        List<String> seen = new CopyOnWriteArrayList<>();
        alice.onAny((event, args) -> seen.add("any " + event + " " + args.get(0).asInt()));
        alice.on("ping", (args, ack) -> seen.add("handler"));

        aliceClient.send("42[\"ping\",1]");
        aliceClient.send("42[\"unhandled\",2]");

        assertThat(seen).containsExactly("any ping 1", "handler", "any unhandled 2");
    }

    @Test
    void onAnyOutgoingSeesEveryEventTheSocketSends() {
        List<String> seen = new CopyOnWriteArrayList<>();
        alice.onAnyOutgoing((event, args) -> seen.add(event + " " + args.text(0)));

        alice.emit("direct", "a");
        io.emit("broadcast", "b");

        assertThat(seen).containsExactly("direct a", "broadcast b");
    }

    @Test
    void packetMiddlewareRejectionSkipsTheHandlerAndReachesTheErrorListener() {
        List<String> seen = new CopyOnWriteArrayList<>();
        alice.use((event, args, next) -> {
            if (event.equals("forbidden")) {
                next.reject(new IllegalStateException("not allowed: " + event));
            } else {
                next.accept();
            }
        });
        alice.on("forbidden", (args, ack) -> seen.add("handler forbidden"));
        alice.on("allowed", (args, ack) -> seen.add("handler allowed"));
        alice.onError(error -> seen.add("error " + error.getMessage()));

        aliceClient.send("42[\"forbidden\"]");
        aliceClient.send("42[\"allowed\"]");

        assertThat(seen).containsExactly("error not allowed: forbidden", "handler allowed");
    }

    @Test
    void emitWithACallbackAsksForAnAcknowledgementAndHandsItTheAnswer() {
        List<String> answers = new CopyOnWriteArrayList<>();

        alice.emit("question", (error, answer) -> answers.add(error + " " + answer.text(0)), "ready?");
        aliceClient.send("430[\"yes\"]");

        assertThat(aliceClient.frames()).containsExactly("420[\"question\",\"ready?\"]");
        assertThat(answers).containsExactly("null yes");
    }

    @Test
    void emitRefusesAnAckCallbackGivenAsAnArgument() {
        AckCallback callback = (error, answer) -> { };

        assertThatThrownBy(() -> alice.emit("question", "ready?", callback))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emit(event, callback, args...)");
        assertThat(aliceClient.frames()).isEmpty();
    }

    @Test
    void emitRefusesAReservedEventName() {
        assertThatThrownBy(() -> alice.emit("disconnect"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"disconnect\" is a reserved event name");
        assertThat(aliceClient.frames()).isEmpty();
    }

    @Test
    void broadcastEmitWithACallbackCollectsEverySocketsAnswer() {
        List<String> answers = new CopyOnWriteArrayList<>();

        io.emit("poll", (error, responses) ->
                responses.forEach(answer -> answers.add(answer.text(0))), "ready?");
        io.to(alice.id(), bob.id()).emit("poll", (error, responses) ->
                responses.forEach(answer -> answers.add(answer.text(0))), "again?");
        aliceClient.send("430[\"alice\"]");
        bobClient.send("430[\"bob\"]");
        aliceClient.send("431[\"alice again\"]");
        bobClient.send("431[\"bob again\"]");

        assertThat(aliceClient.frames()).containsExactly("420[\"poll\",\"ready?\"]", "421[\"poll\",\"again?\"]");
        assertThat(answers).containsExactly("alice", "bob", "alice again", "bob again");
    }

    @Test
    void broadcastEmitRefusesAPerSocketAckCallbackGivenAsAnArgument() {
        AckCallback perSocket = (error, answer) -> { };

        assertThatThrownBy(() -> io.emit("question", "ready?", perSocket))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AckCallback is not an argument");
        assertThat(aliceClient.frames()).isEmpty();
        assertThat(bobClient.frames()).isEmpty();
    }

    @Test
    void broadcastEmitRefusesABroadcastAckCallbackGivenAsAnArgument() {
        BroadcastAckCallback callback = (error, responses) -> { };

        assertThatThrownBy(() -> io.to("r").emit("question", "ready?", callback))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emit(event, callback, args...) of a broadcast");
    }

    @Test
    void clientDisconnectIsReportedAsClientNamespaceDisconnect() {
        aliceClient.send("41");

        assertThat(disconnectReasons).containsExactly(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        assertThat(alice.connected()).isFalse();
    }

    @Test
    void serverDisconnectIsReportedAsServerNamespaceDisconnect() {
        alice.disconnect();

        assertThat(disconnectReasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        assertThat(aliceClient.frames()).containsExactly("41");
    }

    @Test
    void droppedConnectionIsReportedAsTransportClose() {
        aliceClient.drop();

        assertThat(disconnectReasons).containsExactly(DisconnectReason.TRANSPORT_CLOSE);
    }

    @Test
    void serverCloseIsReportedAsServerShuttingDown() {
        io.close();

        assertThat(disconnectReasons)
                .containsExactly(DisconnectReason.SERVER_SHUTTING_DOWN, DisconnectReason.SERVER_SHUTTING_DOWN);
    }

    @Test
    void disconnectingLeavesEveryRoom() {
        alice.join("r");

        alice.disconnect();

        assertThat(alice.rooms()).isEmpty();
        assertThat(io.sockets().adapter().rooms()).doesNotContain("r");
    }
}
