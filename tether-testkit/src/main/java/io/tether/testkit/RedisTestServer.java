package io.tether.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server for a test: started on a free loopback port with no persistence, stopped (and
 * startable again on the same port, for outage tests) by the test.
 */
public final class RedisTestServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private RedisTestServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a redis-server on a free port; fails loudly when redis-server is not installed. */
    public static RedisTestServer start() {
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            RedisTestServer server = new RedisTestServer(port, Files.createTempDirectory("tether-redis"));
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (apt-get install redis-server): " + e, e);
        }
    }

    public int port() {
        return port;
    }

    /** The URI Lettuce connects to. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port after {@link #stop}. */
    public void startProcess() throws IOException {
        process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // still starting
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        throw new IOException("redis-server did not listen on port " + port + " within 10 s");
    }

    /** Stops the server (a Redis outage, as far as clients can tell). */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
