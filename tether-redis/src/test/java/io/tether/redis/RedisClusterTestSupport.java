package io.tether.redis;

import io.tether.testkit.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real Redis for the test class and a fresh {@link RedisAdapterTestCluster} for each test, closed after it;
 * a subclass adds its nodes in its own {@code @BeforeEach}, which runs after this one.
 */
abstract class RedisClusterTestSupport {
    static RedisTestServer redis;

    RedisAdapterTestCluster cluster;

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = new RedisAdapterTestCluster();
    }

    @AfterEach
    void closeCluster() {
        cluster.close();
    }
}
