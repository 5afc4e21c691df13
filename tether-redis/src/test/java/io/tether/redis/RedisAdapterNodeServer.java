package io.tether.redis;

import io.tether.testkit.NodeClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/js-adapter/server.js} under Node: a socket.io 4.8 server on {@code @socket.io/redis-adapter}
 * 8.3, on a free port against a test's redis-server, killed on {@link #close}. The first start runs
 * {@code npm ci} (committed {@code package-lock.json}) unless {@code node_modules} holds the locked versions. Node 18+ and npm
 * must be on the PATH: the test fails, it is not skipped, without them.
 */
final class RedisAdapterNodeServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final StringBuilder output = new StringBuilder();
    private final CountDownLatch ready = new CountDownLatch(1);

    private RedisAdapterNodeServer(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "js-adapter-server-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    static RedisAdapterNodeServer start(int redisPort) {
        Path dir = ensureInstalled();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("REDIS_PORT", Integer.toString(redisPort));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run node (" + e.getMessage() + "): Node.js 18+ must be on the PATH", e);
        }
        RedisAdapterNodeServer server = new RedisAdapterNodeServer(process, port);
        try {
            if (!server.ready.await(20, TimeUnit.SECONDS)) {
                server.close();
                throw new AssertionError("node server.js not READY within 20 s:\n" + server.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new AssertionError("interrupted", e);
        }
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port;
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
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path ensureInstalled() {
        return NodeClient.ensureInstalled(NodeClient.scriptsDir("js-adapter"));
    }
}
