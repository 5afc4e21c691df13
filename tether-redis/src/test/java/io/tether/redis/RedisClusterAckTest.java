package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.socket.client.Ack;
import io.tether.redis.RedisAdapterTestCluster.Client;
import io.tether.redis.RedisAdapterTestCluster.Node;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** emitWithAck started on a Tether node, answered by the clients of every node. */
class RedisClusterAckTest extends RedisClusterTestSupport {
    private Node a;
    private Node b;
    private Node c;

    @BeforeEach
    void startNodes() {
        a = cluster.node(RedisAdapterOptions.of(redis.uri()));
        b = cluster.node(RedisAdapterOptions.of(redis.uri()));
        c = cluster.node(RedisAdapterOptions.of(redis.uri()));
    }

    private static void answering(Client client) {
        client.socket.on("q", args -> ((Ack) args[args.length - 1]).call("answer " + client.name));
    }

    private static List<String> texts(List<EventArgs> answers) {
        return answers.stream().map(args -> args.text(0)).toList();
    }

    @Test
    void emitWithAckCollectsTheAnswersOfEveryNodesClients() throws Exception {
        for (Client client : List.of(cluster.connect(a, "a1"), cluster.connect(a, "a2"), cluster.connect(b, "b1"),
                cluster.connect(c, "c1"), cluster.connect(c, "c2"))) {
            answering(client);
        }
        long start = System.nanoTime();
        List<EventArgs> answers = a.io.timeout(2000).emitWithAck("q").get(10, TimeUnit.SECONDS);
        assertThat(texts(answers)).containsExactlyInAnyOrder("answer a1", "answer a2", "answer b1", "answer c1",
                "answer c2");
        // completes once every answer is in, not at the timeout
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1900);

    }

    @Test
    void emitWithAckToARoomAndFromAnotherNode() throws Exception {
        Client a1 = cluster.connect(a, "a1");
        Client b1 = cluster.connect(b, "b1");
        Client c1 = cluster.connect(c, "c1");
        for (Client client : List.of(a1, b1, c1)) {
            answering(client);
        }
        b.socketOf(b1).join("r");
        c.socketOf(c1).join("r");
        List<EventArgs> answers = a.io.to("r").timeout(2000).emitWithAck("q").get(10, TimeUnit.SECONDS);
        assertThat(texts(answers)).containsExactlyInAnyOrder("answer b1", "answer c1");

        answers = c.io.timeout(2000).emitWithAck("q").get(10, TimeUnit.SECONDS);
        assertThat(texts(answers)).containsExactlyInAnyOrder("answer a1", "answer b1", "answer c1");

        // local() stays on the node
        answers = b.io.local().timeout(2000).emitWithAck("q").get(10, TimeUnit.SECONDS);
        assertThat(texts(answers)).containsExactly("answer b1");

        // the callback form
        CompletableFuture<List<EventArgs>> viaCallback = new CompletableFuture<>();
        a.io.timeout(2000).emit("q", (error, responses) -> {
            if (error != null) {
                viaCallback.completeExceptionally(error);
            } else {
                viaCallback.complete(responses);
            }
        });
        assertThat(texts(viaCallback.get(10, TimeUnit.SECONDS))).hasSize(3);
    }

    @Test
    void aSilentClientOnAnotherNodeMakesItTimeOutWithTheOthersAnswers() {
        answering(cluster.connect(a, "a1"));
        answering(cluster.connect(b, "b1"));
        cluster.connect(c, "silent"); // never answers
        answering(cluster.connect(c, "c1"));

        AtomicReference<List<EventArgs>> partial = new AtomicReference<>();
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        long start = System.nanoTime();
        a.io.timeout(2000).emit("q", (error, responses) -> {
            partial.set(responses);
            failed.complete(error);
        });
        Throwable error = failed.orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(error).isInstanceOf(AckException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1900);
        assertThat(texts(partial.get())).containsExactlyInAnyOrder("answer a1", "answer b1", "answer c1");

        Throwable viaFuture = catchThrowable(() -> a.io.timeout(500).emitWithAck("q").get(10, TimeUnit.SECONDS));
        assertThat(viaFuture).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AckException.class);
    }

    @Test
    void withoutOtherClientsItCompletesAtOnce() throws Exception {
        assertThat(a.io.timeout(2000).emitWithAck("q").get(1, TimeUnit.SECONDS)).isEmpty();
        answering(cluster.connect(b, "b1"));
        assertThat(texts(a.io.timeout(2000).emitWithAck("q").get(1900, TimeUnit.MILLISECONDS)))
                .containsExactly("answer b1");
    }
}
