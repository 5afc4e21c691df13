package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.testkit.NodeClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private final Process process;
    private final int port;
    private final List<JsonNode> observations = new ArrayList<>();
    private final StringBuilder output = new StringBuilder();

    private RedisEmitterNodeServer(Process process, int port) {
        this.process = process;
        this.port = port;
        pump();
    }

    /** Starts the server and waits for its READY line (the adapter then listens on Redis). */
    static RedisEmitterNodeServer start(int redisPort) {
        Path dir = ensureInstalled();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("REDIS_PORT", Integer.toString(redisPort));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run node (" + e.getMessage() + "): RedisEmitterInteropTest needs "
                    + "Node.js 18+ and npm on the PATH", e);
        }
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
        synchronized (observations) {
            return observations.stream().filter(o -> event.equals(o.path("event").asText())).toList();
        }
    }

    private JsonNode await(String event, Predicate<JsonNode> matches, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (observations) {
            while (true) {
                for (JsonNode observation : observations) {
                    if (event.equals(observation.path("event").asText()) && matches.test(observation)) {
                        return observation;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || (!process.isAlive() && observationsDone)) {
                    throw new AssertionError("no \"" + event + "\" observation within " + timeout.toMillis()
                            + " ms" + (process.isAlive() ? "" : " (node exited " + process.exitValue() + ")")
                            + "; node server.js said:\n" + output());
                }
                try {
                    observations.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private volatile boolean observationsDone;

    private void pump() {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("{")) {
                        try {
                            JsonNode observation = JSON.readTree(line);
                            synchronized (observations) {
                                observations.add(observation);
                                observations.notifyAll();
                            }
                        } catch (IOException notJson) {
                            // kept in the output only
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                observationsDone = true;
                synchronized (observations) {
                    observations.notifyAll();
                }
            }
        }, "node-server.js-" + process.pid());
        thread.setDaemon(true);
        thread.start();
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code src/test/js-emitter}, with {@code npm ci} run in it if {@code node_modules} is not as locked. */
    static Path ensureInstalled() {
        return NodeClient.ensureInstalled(NodeClient.scriptsDir("js-emitter"));
    }
}
