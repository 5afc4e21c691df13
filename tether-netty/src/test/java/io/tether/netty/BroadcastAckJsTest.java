package io.tether.netty;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeProcess;
import io.tether.testkit.NodeClient.NodeResult;
import io.tether.socketio.AckException;
import io.tether.socketio.ConnectionStateRecovery;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broadcasts with acknowledgements ({@code io.timeout(ms).emitWithAck}, {@code io.timeout(ms).emit(..., callback)})
 * answered by several official JavaScript clients (4.8, under Node, {@code src/test/js/broadcast-ack.js}), as in
 * Node's server: one answer per client, or, when a client stays silent, the timeout error with the answers
 * received so far.
 */
class BroadcastAckJsTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    private TetherServer server;
    private SocketIoServer io;
    private final List<NodeProcess> processes = new ArrayList<>();
    /** Connected server sockets by the role their client announced in its auth payload. */
    private final Map<String, List<String>> idsByRole = new ConcurrentHashMap<>();
    private CountDownLatch connected;

    @AfterEach
    void stop() {
        processes.forEach(NodeProcess::close);
        if (server != null) {
            server.stop();
        }
    }

    /** Serves, starts one client per role and waits until all of them are connected. */
    private void serveAndConnect(boolean recovery, String... roles) throws InterruptedException {
        SocketIoOptions.Builder options = SocketIoOptions.builder();
        if (recovery) {
            options.connectionStateRecovery(ConnectionStateRecovery.of(Duration.ofMinutes(1)));
        }
        io = SocketIoServer.create(options.build());
        connected = new CountDownLatch(roles.length);
        io.onConnection((Socket socket) -> {
            idsByRole.computeIfAbsent(socket.handshake().auth().path("role").asText(),
                    r -> Collections.synchronizedList(new ArrayList<>())).add(socket.id());
            connected.countDown();
        });
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        for (String role : roles) {
            processes.add(NodeClient.start("broadcast-ack.js", server.port(), role));
        }
        if (!connected.await(15, TimeUnit.SECONDS)) {
            StringBuilder out = new StringBuilder("not every client connected: " + idsByRole);
            for (NodeProcess process : processes) {
                out.append('\n').append(process.linesSoFar());
            }
            throw new AssertionError(out);
        }
    }

    /** Tells the clients to finish and checks what each of them received. */
    private List<NodeResult> finish() {
        io.emit("done");
        List<NodeResult> results = new ArrayList<>();
        for (NodeProcess process : processes) {
            NodeResult result = process.await(RUN_TIMEOUT).assertSuccess();
            // the question, once, with an ack function; no offset appended (a broadcast with an ack is never
            // stored for recovery, as in Node)
            JsonNode q = result.event("q");
            assertThat(q.path("args")).as(result.toString()).hasSize(1);
            assertThat(q.path("args").path(0).asText()).isEqualTo("question");
            assertThat(q.path("ackIsFunction").asBoolean()).isTrue();
            results.add(result);
        }
        return results;
    }

    private static List<String> answerIds(List<EventArgs> responses) {
        List<String> ids = new ArrayList<>();
        for (EventArgs response : responses) {
            assertThat(response.size()).as(response.toString()).isEqualTo(1);
            JsonNode answer = response.get(0);
            assertThat(answer.path("role").asText()).as(answer.toString()).isEqualTo("answer");
            assertThat(answer.path("got").asText()).as(answer.toString()).isEqualTo("question");
            ids.add(answer.path("id").asText());
        }
        return ids;
    }

    @ParameterizedTest(name = "recovery {0}")
    @ValueSource(booleans = {false, true})
    void emitWithAckReturnsOneAnswerPerClient(boolean recovery) throws Exception {
        serveAndConnect(recovery, "answer", "answer", "answer");

        long start = System.nanoTime();
        List<EventArgs> responses = io.timeout(2_000).emitWithAck("q", "question").get(5, TimeUnit.SECONDS);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(responses).hasSize(3);
        assertThat(answerIds(responses)).containsExactlyInAnyOrderElementsOf(idsByRole.get("answer"));
        assertThat(elapsedMillis).as("completed when the last client answered, not at the timeout")
                .isLessThan(2_000);
        finish();
    }

    @Test
    void callbackGetsTheTimeoutAndTheAnswersReceivedWhenOneClientStaysSilent() throws Exception {
        serveAndConnect(false, "answer", "silent", "answer");
        record Outcome(AckException error, List<EventArgs> responses, long elapsedMillis) { }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        long start = System.nanoTime();
        io.timeout(1_000).emit("q", (error, responses) -> {
            calls.incrementAndGet();
            outcome.complete(new Outcome(error, responses,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        }, "question");

        Outcome result = outcome.get(5, TimeUnit.SECONDS);
        assertThat(result.error()).isInstanceOf(AckException.class).hasMessage("operation has timed out");
        assertThat(result.responses()).hasSize(2);
        assertThat(answerIds(result.responses())).containsExactlyInAnyOrderElementsOf(idsByRole.get("answer"));
        assertThat(result.elapsedMillis()).as("called at the timeout").isGreaterThanOrEqualTo(900);
        finish();
        assertThat(calls).hasValue(1);
    }

    @Test
    void emitWithAckFailsWithTheTimeoutWhenOneClientStaysSilent() throws Exception {
        serveAndConnect(false, "answer", "answer", "silent");

        CompletableFuture<List<EventArgs>> future = io.timeout(500).emitWithAck("q", "question");

        assertThat(future).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(AckException.class).withMessage("operation has timed out");
        finish();
    }
}
