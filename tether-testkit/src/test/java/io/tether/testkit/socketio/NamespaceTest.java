package io.tether.testkit.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.engine.EngineLoop;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Namespace;
import io.tether.socketio.ParentNamespace;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Namespace} without a network: middleware, refusals, dynamic namespaces and namespace-wide operations. */
class NamespaceTest {
    private SocketIoServer io;
    private InProcessClient client;

    @BeforeEach
    void openAConnection() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        client = InProcessClient.open(io);
    }

    @Test
    void connectingToANamespaceCreatesASocketThere() {
        Namespace chat = io.of("/chat");

        String sid = client.connect("/chat");

        assertThat(chat.sockets()).containsOnlyKeys(sid);
        assertThat(io.sockets().sockets()).isEmpty();
    }

    @Test
    void theConnectPacketLeavesInALoopTaskOfItsOwnBeforeWhatTheConnectionHandlersSent() {
        // the network layer flushes once per loop turn: a task of its own gives the CONNECT frame a write of its own
        TaskQueueLoop loop = new TaskQueueLoop();
        io.onConnection(socket -> socket.emit("auth", Map.of()));
        InProcessClient own = InProcessClient.open(io.engine(), loop);

        own.send("40");

        assertThat(own.frames()).anyMatch(f -> f.startsWith("40{\"sid\""));
        assertThat(own.frames()).noneMatch(f -> f.startsWith("42"));
        loop.runQueued();
        assertThat(own.frames()).last().isEqualTo("42[\"auth\",{}]");
    }

    /** A loop on the test's thread whose {@code execute} queues the task until the test runs the queue. */
    private static final class TaskQueueLoop implements EngineLoop {
        private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            return () -> { };
        }

        void runQueued() {
            for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
                task.run();
            }
        }
    }

    @Test
    void middlewareRefusalAnswersWithConnectErrorCarryingMessageAndData() {
        io.of("/admin").use((socket, next) -> next.reject("not authorized", Map.of("hint", "log in first")));

        client.send("40/admin,");

        client.awaitFrame("44/admin,{\"message\":\"not authorized\",\"data\":{\"hint\":\"log in first\"}}");
        assertThat(io.of("/admin").sockets()).isEmpty();
    }

    @Test
    void middlewaresRunInOrderBeforeTheConnectionHandler() {
        List<String> ran = new CopyOnWriteArrayList<>();
        Namespace chat = io.of("/chat");
        chat.use((socket, next) -> {
            ran.add("first");
            next.accept();
        });
        chat.use((socket, next) -> {
            ran.add("second");
            next.accept();
        });
        chat.onConnection(socket -> ran.add("connected"));

        client.connect("/chat");

        assertThat(ran).containsExactly("first", "second", "connected");
    }

    @Test
    void middlewareSeesTheAuthPayload() {
        List<String> tokens = new CopyOnWriteArrayList<>();
        io.of("/chat").use((socket, next) -> {
            tokens.add(socket.handshake().auth().get("token").asText());
            next.accept();
        });

        client.connect("/chat", "{\"token\":\"abc\"}");

        assertThat(tokens).containsExactly("abc");
    }

    @Test
    void unknownNamespaceIsRefusedAsInvalid() {
        client.send("40/nowhere,");

        client.awaitFrame("44/nowhere,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void dynamicNamespaceIsCreatedWhenAClientFirstAsksForIt() {
        ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
        List<String> connectedTo = new CopyOnWriteArrayList<>();
        workspaces.onConnection(socket -> connectedTo.add(socket.namespace().name()));

        client.connect("/workspace-7");

        assertThat(connectedTo).containsExactly("/workspace-7");
        assertThat(workspaces.children()).extracting(Namespace::name).containsExactly("/workspace-7");
    }

    @Test
    void dynamicNamespaceParentMiddlewareAppliesToEveryChild() {
        ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
        workspaces.use((socket, next) -> next.reject("closed for the night"));

        client.send("40/workspace-1,");

        client.awaitFrame("44/workspace-1,{\"message\":\"closed for the night\"}");
    }

    @Test
    void parentEmitReachesTheSocketsOfEveryChild() {
        ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
        client.connect("/workspace-1");
        client.connect("/workspace-2");
        client.clear();

        workspaces.emit("maintenance");

        assertThat(client.frames()).containsExactlyInAnyOrder(
                "42/workspace-1,[\"maintenance\"]", "42/workspace-2,[\"maintenance\"]");
    }

    @Test
    void namespaceEmitReachesOnlyItsOwnSockets() {
        io.of("/chat");
        client.connect("/");
        client.connect("/chat");
        client.clear();

        io.of("/chat").emit("hello");

        assertThat(client.frames()).containsExactly("42/chat,[\"hello\"]");
    }

    @Test
    void socketsJoinPutsEverySocketOfTheNamespaceInTheRoom() {
        String sid = client.connect("/");

        io.sockets().socketsJoin("everyone");

        assertThat(io.sockets().sockets().get(sid).rooms()).contains("everyone");
    }

    @Test
    void disconnectSocketsDisconnectsEverySocketOfTheNamespace() {
        io.of("/chat");
        client.connect("/");
        client.connect("/chat");

        io.of("/chat").disconnectSockets(false);

        client.awaitFrame("41/chat,");
        assertThat(io.of("/chat").sockets()).isEmpty();
        assertThat(io.sockets().sockets()).hasSize(1);
    }
}
