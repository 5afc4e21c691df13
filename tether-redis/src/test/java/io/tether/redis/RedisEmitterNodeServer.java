package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.testkit.NodeClient;
import io.tether.testkit.NodeClient.NodeProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code src/test/js-emitter/server.js} under Node: a socket.io 4.8 server on {@code @socket.io/redis-adapter} 8.x,
 * started on a free port against a test's redis-server, killed on {@link #close}.
 *
 * <p>The first start in a JVM runs {@code npm ci} (from the committed {@code package-lock.json}) unless
 * {@code node_modules} already holds the locked versions. Node 18+ and npm must be on the {@code PATH}; the test
 * fails (it is not skipped) when they are not.
 *
 * <pre>{@code
 * try (RedisEmitterNodeServer node = RedisEmitterNodeServer.start(redis.port())) {
 *     JsonNode connection = node.await("connection", o -> o.path("name").asText().equals("alice"));
 * }
 * }</pre>
 */
final class RedisEmitterNodeServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final NodeProcess process;
    private final int port;

    private RedisEmitterNodeServer(NodeProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server and waits for its READY line (the adapter then listens on Redis). */
    static RedisEmitterNodeServer start(int redisPort) {
        int port = RedisAdapterNodeServer.freePort();
        NodeProcess process = NodeClient.startServer(ensureInstalled(), "server.js", port,
                Map.of("REDIS_PORT", Integer.toString(redisPort)));
        RedisEmitterNodeServer server = new RedisEmitterNodeServer(process, port);
        try {
            server.await("READY", o -> true, START_TIMEOUT);
        } catch (AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    int port() {
        return port;
    }

    /** The URL of a namespace, e.g. {@code url("/custom")}. */
    String url(String nsp) {
        return "http://127.0.0.1:" + port + ("/".equals(nsp) ? "" : nsp);
    }

    /** Waits up to 10 s for an observation with this {@code "event"} that matches. */
    JsonNode await(String event, Predicate<JsonNode> matches) {
        return await(event, matches, Duration.ofSeconds(10));
    }

    /** The observations with this {@code "event"} so far. */
    List<JsonNode> observations(String event) {
        return process.linesSoFar().stream().map(RedisEmitterNodeServer::observation)
                .filter(o -> o != null && event.equals(o.path("event").asText())).toList();
    }

    private JsonNode await(String event, Predicate<JsonNode> matches, Duration timeout) {
        String line = process.awaitLine(l -> {
            JsonNode o = observation(l);
            return o != null && event.equals(o.path("event").asText()) && matches.test(o);
        }, timeout);
        return observation(line);
    }

    /** A JSON line of server.js as a tree; null for any other line. */
    private static JsonNode observation(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            return null;
        }
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }

    /** {@code src/test/js-emitter}, with {@code npm ci} run in it if {@code node_modules} is not as locked. */
    static Path ensureInstalled() {
        return NodeClient.ensureInstalled(NodeClient.scriptsDir("js-emitter"));
    }
}
