package io.tether.redis;

import io.tether.testkit.NodeClient;
import io.tether.testkit.NodeClient.NodeProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

/**
 * {@code src/test/js-adapter/server.js} under Node: a socket.io 4.8 server on {@code @socket.io/redis-adapter}
 * 8.3, on a free port against a test's redis-server, killed on {@link #close}. The first start runs
 * {@code npm ci} (committed {@code package-lock.json}) unless {@code node_modules} holds the locked versions. Node 18+
 * and npm must be on the PATH: the test fails, it is not skipped, without them.
 */
final class RedisAdapterNodeServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final NodeProcess process;
    private final int port;

    private RedisAdapterNodeServer(NodeProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server and waits for its READY line (it then listens and is subscribed on Redis). */
    static RedisAdapterNodeServer start(int redisPort) {
        int port = freePort();
        NodeProcess process = NodeClient.startServer(NodeClient.ensureInstalled(NodeClient.scriptsDir("js-adapter")),
                "server.js", port, Map.of("REDIS_PORT", Integer.toString(redisPort)));
        try {
            process.awaitLine("READY"::equals, START_TIMEOUT);
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return new RedisAdapterNodeServer(process, port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }

    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
