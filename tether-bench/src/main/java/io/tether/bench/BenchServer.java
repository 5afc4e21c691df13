package io.tether.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tether.netty.TetherServer;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Namespace;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bench-contract server ({@code /work/shared/BENCH.md}): the same small Socket.IO application every
 * compared server implements, on namespaces {@code /} and {@code /custom} (which, like {@code /}, accepts any
 * CONNECT auth payload).
 *
 * <ul>
 *   <li>{@code echo} (one argument, with an ack): acks with that same argument;</li>
 *   <li>{@code join} (a room name, with an ack): joins the socket to the room and acks {@code "ok"};</li>
 *   <li>{@code fanout} ({@code {"room": r, "payload": p}}, no ack): emits {@code msg} with {@code p} to every
 *       socket of room {@code r} in the namespace, the sender included.</li>
 * </ul>
 *
 * <pre>
 * java -jar tether-bench/target/tether-bench.jar [--port N] [--inline-handlers] [--io-threads N]
 * </pre>
 *
 * <p>It uses the library's default configuration unless a flag says otherwise, prints {@code PID <pid>} then
 * {@code READY <port>} on stdout once it listens, and on SIGTERM stops gracefully (sockets are disconnected,
 * connections closed, the port released) and prints {@code STOPPED}.
 */
public final class BenchServer implements AutoCloseable {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 7400;

    /** The namespaces the contract is served on. */
    public static final String[] NAMESPACES = {"/", "/custom"};

    static final String USAGE = """
            usage: java -jar tether-bench.jar [--port N] [--inline-handlers] [--io-threads N]
              --port N            the port to listen on (default 7400; 0 picks a free one)
              --inline-handlers   run event handlers on the connection's I/O thread (default: the library's
                                  handler executor, virtual threads on Java 21+, a bounded pool before)
              --io-threads N      how many I/O threads (event loops) serve connections (default: the
                                  library's, one per core)
            Prints "PID <pid>" then "READY <port>" on stdout once it listens; stops gracefully on SIGTERM.""";

    /**
     * The command line.
     *
     * @param port the port, 0 for a free one
     * @param inlineHandlers whether handlers run on the I/O thread
     * @param ioThreads how many I/O threads, 0 for the library's default
     */
    public record Config(int port, boolean inlineHandlers, int ioThreads) {
        public Config {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (ioThreads < 0) {
                throw new IllegalArgumentException("ioThreads must not be negative (0 for the default): " + ioThreads);
            }
        }

        /** The default: port 7400 and the library's defaults. */
        public static Config defaults() {
            return new Config(DEFAULT_PORT, false, 0);
        }

        /**
         * Parses the flags ({@code --port N}, {@code --inline-handlers}, {@code --io-threads N}; also
         * {@code --flag=N}).
         *
         * @throws IllegalArgumentException on an unknown flag or a bad value
         */
        public static Config parse(String... args) {
            int port = DEFAULT_PORT;
            boolean inline = false;
            int ioThreads = 0;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--port" -> {
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        port = number(value, arg);
                    }
                    case "--io-threads" -> {
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        ioThreads = number(value, arg);
                        if (ioThreads < 1) {
                            throw new IllegalArgumentException("--io-threads must be at least 1: " + value);
                        }
                    }
                    case "--inline-handlers" -> {
                        if (value != null) {
                            throw new IllegalArgumentException("--inline-handlers takes no value");
                        }
                        inline = true;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            return new Config(port, inline, ioThreads);
        }

        private static String next(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int number(String value, String flag) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number: " + value);
            }
        }
    }

    private final Config config;
    private final SocketIoServer io;
    private final TetherServer server;
    private final int port;
    private boolean stopped;

    private BenchServer(Config config, SocketIoServer io, TetherServer server) {
        this.config = config;
        this.io = io;
        this.server = server;
        this.port = server.port();
    }

    /** Starts the server with this configuration; returns once it listens (without printing anything). */
    public static BenchServer start(Config config) {
        Objects.requireNonNull(config, "config");
        SocketIoOptions options = config.inlineHandlers()
                ? SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build()
                : SocketIoOptions.defaults();
        SocketIoServer io = SocketIoServer.create(options);
        for (String name : NAMESPACES) {
            serveContract(io.of(name));
        }
        TetherServer.Builder builder = TetherServer.builder().port(config.port()).socketIo(io);
        if (config.ioThreads() > 0) {
            builder.ioThreads(config.ioThreads());
        }
        return new BenchServer(config, io, builder.build().start());
    }

    /** Parses the flags, starts the server and prints its pid and {@code READY <port>} to {@code out}. */
    public static BenchServer run(PrintStream out, String... args) {
        BenchServer server = start(Config.parse(args));
        server.announce(out);
        return server;
    }

    /** Installs the contract's three events on every socket that connects to this namespace. */
    static void serveContract(Namespace namespace) {
        namespace.onConnection(socket -> {
            socket.on("echo", (args, ack) -> {
                if (args.isEmpty()) {
                    ack.send();
                } else {
                    ack.send(args.get(0));
                }
            });
            socket.on("join", (args, ack) -> {
                if (!args.isEmpty()) {
                    socket.join(args.text(0));
                    ack.send("ok");
                }
            });
            socket.on("fanout", (args, ack) -> {
                if (args.isEmpty()) {
                    return;
                }
                JsonNode request = args.get(0);
                JsonNode room = request.get("room");
                if (room == null || !room.isValueNode() || room.isNull()) {
                    return;
                }
                JsonNode payload = request.get("payload");
                namespace.to(room.asText()).emit("msg", payload == null ? NullNode.getInstance() : payload);
            });
        });
    }

    /** Prints {@code PID <pid>} and {@code READY <port>}, one a line, and flushes. */
    public void announce(PrintStream out) {
        out.println("PID " + ProcessHandle.current().pid());
        out.println("READY " + port);
        out.flush();
    }

    /** The port it listens on (the real one when started on port 0). */
    public int port() {
        return port;
    }

    public Config config() {
        return config;
    }

    /** The Socket.IO server underneath. */
    public SocketIoServer socketIo() {
        return io;
    }

    /** Stops gracefully: disconnects every socket, closes connections and releases the port. Idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop();
    }

    public static void main(String[] args) {
        Config config;
        try {
            if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.println(USAGE);
                return;
            }
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tether-bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        // the hook is in place before READY, so a SIGTERM sent as soon as READY is seen stops gracefully
        AtomicReference<BenchServer> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            BenchServer server = running.get();
            if (server != null) {
                server.close();
                System.out.println("STOPPED");
                System.out.flush();
            }
        }, "tether-bench-shutdown"));
        BenchServer server;
        try {
            server = start(config);
        } catch (RuntimeException e) {
            System.err.println("tether-bench: " + e.getMessage());
            System.exit(1);
            return;
        }
        running.set(server);
        server.announce(System.out);
    }
}
