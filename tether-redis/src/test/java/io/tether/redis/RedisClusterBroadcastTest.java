package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.redis.RedisAdapterTestCluster.Client;
import io.tether.redis.RedisAdapterTestCluster.Node;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three Tether nodes on one real Redis, official Java clients on different nodes. */
class RedisClusterBroadcastTest extends RedisClusterTestSupport {
    private Node n0;
    private Node n1;
    private Node n2;

    @BeforeEach
    void startNodes() {
        RedisAdapterOptions options = RedisAdapterOptions.of(redis.uri());
        n0 = cluster.node(options, "/chat");
        n1 = cluster.node(options, "/chat");
        n2 = cluster.node(options, "/chat");
    }

    @Test
    void emitReachesEveryClientOnEveryNodeExactlyOnce() {
        Client a0 = cluster.connect(n0, "a0");
        Client b0 = cluster.connect(n0, "b0");
        Client a1 = cluster.connect(n1, "a1");
        Client a2 = cluster.connect(n2, "a2");
        Client b2 = cluster.connect(n2, "b2");

        n1.io.emit("msg", "hello from 1");
        n2.io.emit("msg", "hello from 2");
        cluster.fence(n1, "/");
        cluster.fence(n2, "/");

        for (Client c : List.of(a0, b0, a1, a2, b2)) {
            assertThat(c.messages()).as(c.name).containsExactlyInAnyOrder("hello from 1", "hello from 2");
        }
    }

    @Test
    void roomsReachTheirMembersOnEveryNodeAndNoOneElse() {
        Client a0 = cluster.connect(n0, "a0");
        Client b0 = cluster.connect(n0, "b0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        Client a2 = cluster.connect(n2, "a2");
        Client both2 = cluster.connect(n2, "both2");
        n0.socketOf(a0).join("r");
        n1.socketOf(a1).join("r");
        n2.socketOf(a2).join("r");
        n2.socketOf(both2).join("r", "s");
        n1.socketOf(b1).join("s");

        n0.io.to("r").emit("msg", "to r");
        n1.io.to("r", "s").emit("msg", "to r or s");
        n2.io.to("nobody").emit("msg", "to nobody");
        cluster.fence(n0, "/");
        cluster.fence(n1, "/");
        cluster.fence(n2, "/");

        assertThat(a0.messages()).containsExactlyInAnyOrder("to r", "to r or s");
        assertThat(a2.messages()).containsExactlyInAnyOrder("to r", "to r or s");
        assertThat(a1.messages()).containsExactlyInAnyOrder("to r", "to r or s");
        assertThat(both2.messages()).containsExactlyInAnyOrder("to r", "to r or s");
        assertThat(b1.messages()).containsExactly("to r or s");
        assertThat(b0.messages()).isEmpty();
    }

    @Test
    void exceptWorksAcrossNodes() {
        Client a0 = cluster.connect(n0, "a0");
        Client b0 = cluster.connect(n0, "b0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        Client b2 = cluster.connect(n2, "b2");
        n0.socketOf(a0).join("r", "vip");
        n1.socketOf(a1).join("r");
        n1.socketOf(b1).join("vip");
        n2.socketOf(b2).join("r");

        n2.io.except("vip").emit("msg", "all but vip");
        n1.io.to("r").except("vip").emit("msg", "r but vip");
        cluster.fence(n2, "/");
        cluster.fence(n1, "/");

        assertThat(a0.messages()).isEmpty();
        assertThat(b1.messages()).isEmpty();
        assertThat(b0.messages()).containsExactly("all but vip");
        assertThat(a1.messages()).containsExactlyInAnyOrder("all but vip", "r but vip");
        assertThat(b2.messages()).containsExactlyInAnyOrder("all but vip", "r but vip");
    }

    @Test
    void socketBroadcastExcludesOnlyTheSender() {
        Client sender = cluster.connect(n0, "sender");
        Client b0 = cluster.connect(n0, "b0");
        Client a1 = cluster.connect(n1, "a1");
        Client a2 = cluster.connect(n2, "a2");

        n0.socketOf(sender).broadcast().emit("msg", "from sender");
        cluster.fence(n0, "/");

        assertThat(sender.messages()).isEmpty();
        for (Client c : List.of(b0, a1, a2)) {
            assertThat(c.messages()).as(c.name).containsExactly("from sender");
        }
    }

    @Test
    void localStaysOnItsNode() {
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        Client a2 = cluster.connect(n2, "a2");
        n1.socketOf(b1).join("r");
        n0.socketOf(a0).join("r");

        n1.io.local().emit("msg", "local");
        n1.io.local().to("r").emit("msg", "local r");
        cluster.fence(n1, "/");

        assertThat(a1.messages()).containsExactly("local");
        assertThat(b1.messages()).containsExactly("local", "local r");
        assertThat(a0.messages()).isEmpty();
        assertThat(a2.messages()).isEmpty();
    }

    @Test
    void namespacesAreSeparate() {
        Client main0 = cluster.connect(n0, "/", "main0");
        Client main2 = cluster.connect(n2, "/", "main2");
        Client chat1 = cluster.connect(n1, "/chat", "chat1");
        Client chat2 = cluster.connect(n2, "/chat", "chat2");
        n1.socketOf(chat1).join("r");
        n0.socketOf(main0).join("r");

        n0.io.of("/chat").emit("msg", "chat all");
        n2.io.emit("msg", "main all");
        n2.io.of("/chat").to("r").emit("msg", "chat r");
        cluster.fence(n0, "/chat");
        cluster.fence(n2, "/chat");
        cluster.fence(n2, "/");

        assertThat(chat1.messages()).containsExactlyInAnyOrder("chat all", "chat r");
        assertThat(chat2.messages()).containsExactly("chat all");
        assertThat(main0.messages()).containsExactly("main all");
        assertThat(main2.messages()).containsExactly("main all");
    }

    @Test
    void binaryAndStructuredPayloadsCrossNodes() {
        Client a1 = cluster.connect(n1, "a1");
        Object[] got = new Object[3];
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        a1.socket.on("bin", args -> {
            System.arraycopy(args, 0, got, 0, Math.min(args.length, 3));
            latch.countDown();
        });

        n0.io.emit("bin", new byte[] {1, 2, 3}, java.util.Map.of("n", 42, "s", "x"), 1.5);

        org.awaitility.Awaitility.await().atMost(RedisAdapterTestCluster.TIMEOUT)
                .until(() -> latch.getCount() == 0);
        assertThat((byte[]) got[0]).containsExactly(1, 2, 3);
        assertThat(got[1].toString()).contains("\"n\":42").contains("\"s\":\"x\"");
        assertThat(((Number) got[2]).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void clustersWithDifferentKeysOnOneRedisDoNotSeeEachOther() {
        try (RedisAdapterTestCluster other = new RedisAdapterTestCluster()) {
            RedisAdapterOptions key = RedisAdapterOptions.builder(redis.uri()).key("other-app").build();
            Node o0 = other.node(key);
            Node o1 = other.node(key);
            Client x0 = other.connect(o0, "x0");
            Client x1 = other.connect(o1, "x1");
            Client a0 = cluster.connect(n0, "a0");
            Client a1 = cluster.connect(n1, "a1");

            n0.io.emit("msg", "default cluster");
            o0.io.emit("msg", "other cluster");
            cluster.fence(n0, "/");
            other.fence(o0, "/");

            assertThat(a0.messages()).containsExactly("default cluster");
            assertThat(a1.messages()).containsExactly("default cluster");
            assertThat(x0.messages()).containsExactly("other cluster");
            assertThat(x1.messages()).containsExactly("other cluster");
        }
    }
}
