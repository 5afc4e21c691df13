package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tether.redis.RedisAdapterTestCluster.Client;
import io.tether.redis.RedisAdapterTestCluster.Node;
import io.tether.socketio.RemoteSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** socketsJoin, socketsLeave and disconnectSockets across Tether nodes, and from Tether's RedisEmitter. */
class RedisClusterRequestsTest extends RedisClusterTestSupport {
    private Node n0;
    private Node n1;

    @BeforeEach
    void startNodes() {
        n0 = cluster.node(RedisAdapterOptions.of(redis.uri()));
        n1 = cluster.node(RedisAdapterOptions.of(redis.uri()));
    }

    @Test
    void socketsJoinAndLeaveReachEveryNode() {
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        n1.socketOf(b1).join("old");

        n0.io.except("old").socketsJoin("new");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(n1.socketOf(a1).rooms()).contains("new"));
        assertThat(n0.socketOf(a0).rooms()).contains("new");
        n0.io.to("new").emit("msg", "to new");
        cluster.fence(n0, "/");
        assertThat(a0.messages()).containsExactly("to new");
        assertThat(a1.messages()).containsExactly("to new");
        assertThat(b1.messages()).isEmpty();

        n0.io.in("old").socketsLeave("old");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(n1.socketOf(b1).rooms()).doesNotContain("old"));

        n0.io.local().socketsJoin("local-only");
        n0.io.to("new").emit("msg", "fence after local join");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).until(() -> a1.messages().contains("fence after local join"));
        assertThat(n1.socketOf(a1).rooms()).doesNotContain("local-only");
        assertThat(n0.socketOf(a0).rooms()).contains("local-only");
    }

    @Test
    void disconnectSocketsReachesEveryNode() throws Exception {
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        n1.socketOf(a1).join("kick");
        CountDownLatch disconnected = new CountDownLatch(1);
        a1.socket.on(io.socket.client.Socket.EVENT_DISCONNECT, args -> disconnected.countDown());

        n0.io.in("kick").disconnectSockets(false);

        await().atMost(RedisAdapterTestCluster.TIMEOUT).until(() -> disconnected.getCount() == 0);
        assertThat(n1.io.sockets().sockets()).doesNotContainKey(a1.socket.id());
        assertThat(a0.socket.connected()).isTrue();
        assertThat(b1.socket.connected()).isTrue();
    }

    @Test
    void fetchSocketsSeesEveryNode() throws Exception {
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        Client b1 = cluster.connect(n1, "b1");
        n1.socketOf(a1).join("r");
        n1.socketOf(a1).data().put("name", "alice");
        n1.socketOf(a1).data().put("score", 3);
        n0.socketOf(a0).join("r");

        List<RemoteSocket> all = n0.io.fetchSockets().get(10, TimeUnit.SECONDS);
        assertThat(all).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(a0.socket.id(), a1.socket.id(), b1.socket.id());

        List<RemoteSocket> inR = n0.io.in("r").fetchSockets().get(10, TimeUnit.SECONDS);
        assertThat(inR).extracting(RemoteSocket::id).containsExactlyInAnyOrder(a0.socket.id(), a1.socket.id());
        RemoteSocket alice = inR.stream().filter(s -> s.id().equals(a1.socket.id())).findFirst().orElseThrow();
        assertThat(alice.rooms()).contains("r", a1.socket.id());
        assertThat(alice.data()).containsEntry("name", "alice").containsEntry("score", 3);
        assertThat(alice.handshake().headers()).isNotEmpty();
        assertThat(alice.handshake().issued()).isNotNull();

        assertThat(n1.io.local().fetchSockets().get(10, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder(a1.socket.id(), b1.socket.id());

        // a remote socket can be acted upon wherever it is
        alice.emit("msg", "hi alice");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).until(() -> a1.messages().contains("hi alice"));
    }

    @Test
    void fetchSocketsFailsWhenANodeDoesNotAnswerInTime() throws Exception {
        RedisAdapterOptions shortTimeout = RedisAdapterOptions.builder(redis.uri())
                .requestsTimeout(java.time.Duration.ofMillis(500)).build();
        Node asking = cluster.node(shortTimeout);
        // a subscriber on the request channel that never answers counts as a server
        try (io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
                var mute = client.connectPubSub()) {
            mute.sync().subscribe(RedisProtocol.requestChannel(RedisProtocol.DEFAULT_KEY, "/"));
            var future = asking.io.fetchSockets();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> future.get(10, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(io.tether.socketio.AckException.class);
        }
    }

    @Test
    void theRedisEmitterReachesTetherNodes() {
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        n1.socketOf(a1).join("r");
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            emitter.emit("msg", "from emitter");
            emitter.to("r").emit("msg", "emitter to r");
            cluster.fence(n1, "/");
            assertThat(a0.messages()).containsExactly("from emitter");
            assertThat(a1.messages()).containsExactly("from emitter", "emitter to r");

            emitter.in("r").socketsJoin("joined-by-emitter");
            await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                    assertThat(n1.socketOf(a1).rooms()).contains("joined-by-emitter"));
            assertThat(n0.socketOf(a0).rooms()).doesNotContain("joined-by-emitter");
        }
    }
}
