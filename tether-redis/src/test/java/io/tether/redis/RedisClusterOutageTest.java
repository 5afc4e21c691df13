package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tether.redis.RedisAdapterTestCluster.Client;
import io.tether.redis.RedisAdapterTestCluster.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Redis goes away and comes back while two nodes serve their clients. */
class RedisClusterOutageTest {
    private RedisTestServer redis;
    private RedisAdapterTestCluster cluster;
    private ListAppender<ILoggingEvent> logs;
    private Logger logger;

    @BeforeEach
    void start() {
        redis = RedisTestServer.start();
        cluster = new RedisAdapterTestCluster();
        logger = (Logger) LoggerFactory.getLogger(RedisAdapter.class);
        logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        cluster.close();
        redis.close();
    }

    private long warnings(String containing) {
        return logs.list.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(containing))
                .count();
    }

    @Test
    void nodesServeLocalClientsDuringAnOutageAndReachEachOtherAgainAfterIt() throws Exception {
        RedisAdapterOptions options = RedisAdapterOptions.builder(redis.uri())
                .commandTimeout(Duration.ofSeconds(1)).build();
        Node n0 = cluster.node(options);
        Node n1 = cluster.node(options);
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        n0.io.emit("msg", "before");
        RedisAdapterTestCluster.awaitMessages(List.of("before"), a0, a1);

        redis.stop();
        // both nodes notice the lost connection by themselves (before any broadcast) and say so once
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(warnings("unreachable")).isEqualTo(2));
        List<Object> during = IntStream.range(0, 50).<Object>mapToObj(i -> "during-" + i).toList();
        for (Object m : during) {
            n0.io.emit("msg", m);
        }
        n1.io.emit("msg", "during on 1");

        // local sockets are still served
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(a0.messages()).hasSize(1 + during.size()));
        assertThat(a0.messages().subList(1, 1 + during.size())).containsExactlyElementsOf(during);
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(a1.messages()).contains("during on 1"));
        // the publishes fail fast and are dropped, not buffered; the outage is logged once per node
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(n0.factory.droppedBroadcasts()).isEqualTo(during.size());
            assertThat(n1.factory.droppedBroadcasts()).isEqualTo(1);
        });
        assertThat(warnings("unreachable")).isEqualTo(2);
        assertThat(a1.messages()).containsExactly("before", "during on 1");
        assertThat(a0.messages()).doesNotContain("during on 1");

        // namespaces created during the outage work locally and subscribe once Redis is back
        n0.io.of("/late");
        n1.io.of("/late");
        assertThat(warnings("cannot subscribe namespace /late")).isEqualTo(2);

        redis.startProcess();
        // Lettuce reconnects and subscribes again by itself: broadcasts cross nodes again, both ways
        AtomicInteger n = new AtomicInteger();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            n0.io.emit("msg", "after-0-" + n.get());
            n1.io.emit("msg", "after-1-" + n.getAndIncrement());
            assertThat(a1.messages()).anySatisfy(m -> assertThat(m.toString()).startsWith("after-0-"));
            assertThat(a0.messages()).anySatisfy(m -> assertThat(m.toString()).startsWith("after-1-"));
        });
        Client late0 = cluster.connect(n0, "/late", "late0");
        Client late1 = cluster.connect(n1, "/late", "late1");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            n0.io.of("/late").emit("msg", "late");
            assertThat(late1.messages()).contains("late");
        });
        assertThat(late0.messages()).contains("late");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(warnings("reachable again")).isEqualTo(2));
        assertThat(warnings("unreachable")).isEqualTo(2);
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("reachable again")))
                .anySatisfy(m -> assertThat(m).contains(during.size() + " broadcast(s)"));
    }
    @Test
    void nodesStartWhileRedisIsDownAndJoinTheClusterWhenItComes() {
        redis.stop();
        RedisAdapterOptions options = RedisAdapterOptions.builder(redis.uri())
                .commandTimeout(Duration.ofSeconds(1)).build();
        Node n0 = cluster.node(options);
        Node n1 = cluster.node(options);
        Client a0 = cluster.connect(n0, "a0");
        Client a1 = cluster.connect(n1, "a1");
        n0.io.emit("msg", "local while down");
        await().atMost(RedisAdapterTestCluster.TIMEOUT).untilAsserted(() ->
                assertThat(a0.messages()).containsExactly("local while down"));
        assertThat(warnings("unreachable")).isEqualTo(2);

        try {
            redis.startProcess();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        AtomicInteger n = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            n0.io.emit("msg", "after-0-" + n.get());
            n1.io.emit("msg", "after-1-" + n.getAndIncrement());
            assertThat(a1.messages()).anySatisfy(m -> assertThat(m.toString()).startsWith("after-0-"));
            assertThat(a0.messages()).anySatisfy(m -> assertThat(m.toString()).startsWith("after-1-"));
        });
        assertThat(a1.messages()).doesNotContain("local while down");
        assertThat(warnings("unreachable")).isEqualTo(2);
        assertThat(warnings("reachable again")).isEqualTo(2);
    }
}
