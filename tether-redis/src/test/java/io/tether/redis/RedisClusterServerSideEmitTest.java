package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.tether.redis.RedisAdapterTestCluster.Node;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Namespace.serverSideEmit between Tether nodes, and on a single node. */
class RedisClusterServerSideEmitTest extends RedisClusterTestSupport {
    private Node n0;
    private Node n1;

    @BeforeEach
    void startNodes() {
        n0 = cluster.node(RedisAdapterOptions.builder(redis.uri()).requestsTimeout(Duration.ofMillis(1000)).build(),
                "/chat");
        n1 = cluster.node(RedisAdapterOptions.of(redis.uri()), "/chat");
    }

    @Test
    void serverSideEmitReachesTheOtherNodesOnly() {
        List<String> at0 = new CopyOnWriteArrayList<>();
        List<String> at1 = new CopyOnWriteArrayList<>();
        n0.io.of("/").onServerSideEmit("hello", (args, ack) -> at0.add(args.text(0) + args.get(1).asInt()));
        n1.io.of("/").onServerSideEmit("hello", (args, ack) -> {
            assertThat(ack.requested()).isFalse();
            at1.add(args.text(0) + args.get(1).asInt());
        });
        List<String> chatAt1 = new CopyOnWriteArrayList<>();
        n1.io.of("/chat").onServerSideEmit("hello", (args, ack) -> chatAt1.add(args.text(0)));

        n0.io.of("/").serverSideEmit("hello", "world", 1);
        n0.io.of("/chat").serverSideEmit("hello", "chat");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).until(() -> at1.size() == 1 && chatAt1.size() == 1);
        assertThat(at1).containsExactly("world1");
        assertThat(chatAt1).containsExactly("chat");
        assertThat(at0).isEmpty();
    }

    @Test
    void serverSideEmitWithAckCollectsOneAnswerPerOtherNode() throws Exception {
        Node n2 = cluster.node(RedisAdapterOptions.of(redis.uri()), "/chat");
        n1.io.of("/").onServerSideEmit("ping", (args, ack) -> ack.send("pong 1 " + args.get(0).asInt()));
        n2.io.of("/").onServerSideEmit("ping", (args, ack) -> {
            assertThat(ack.requested()).isTrue();
            ack.send("pong 2 " + args.get(0).asInt());
            ack.send("ignored");
        });
        List<EventArgs> answers = n0.io.of("/").serverSideEmitWithAck("ping", 7).get(10, TimeUnit.SECONDS);
        assertThat(answers.stream().map(a -> a.text(0)).toList()).containsExactlyInAnyOrder("pong 1 7", "pong 2 7");
    }

    @Test
    void serverSideEmitWithAckFailsWhenANodeDoesNotAnswer() {
        // n1 has no handler: it never answers
        Throwable error = catchThrowable(() -> n0.io.of("/").serverSideEmitWithAck("ping", 1).get(10,
                TimeUnit.SECONDS));
        assertThat(error).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AckException.class);
        assertThat(error.getCause()).hasMessageContaining("0 responses received out of 1");
    }

    @Test
    void aSingleNodeSendsNothingAndGetsNoAnswers() throws Exception {
        SocketIoServer alone = SocketIoServer.create(SocketIoOptions.builder().build());
        try {
            List<String> got = new CopyOnWriteArrayList<>();
            alone.of("/").onServerSideEmit("ping", (args, ack) -> got.add(args.text(0)));
            alone.of("/").serverSideEmit("ping", "x");
            assertThat(alone.of("/").serverSideEmitWithAck("ping", "x").get(1, TimeUnit.SECONDS)).isEmpty();
            assertThat(got).isEmpty();
        } finally {
            alone.close();
        }
    }
}
