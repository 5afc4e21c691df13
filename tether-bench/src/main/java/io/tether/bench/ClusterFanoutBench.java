package io.tether.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.netty.TetherServer;
import io.tether.redis.RedisAdapter;
import io.tether.redis.RedisAdapterFactory;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.RedisTestServer;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cross-node fan-out through the Redis adapter: deliveries per second with 1 node versus 2 nodes.
 *
 * <p>Starts a local redis-server on a free loopback port; then, for each round and for nodes = 1 and 2
 * (interleaved: 1, 2, 1, 2, ...), starts that many Tether nodes in-process (Redis adapter, inline handlers),
 * connects {@code --clients} raw JDK WebSocket clients (Engine.IO 4 / Socket.IO 5) spread evenly over the nodes,
 * all joined to one room on connection, and has node 0 emit {@code msg} to the room {@code --messages} times as
 * fast as it can. The time runs from the first emit until every client has received every message (capped at
 * 30 s). One JSON line per run, then one median line per node count.
 *
 * <pre>
 * java -cp tether-bench/target/tether-bench.jar io.tether.bench.ClusterFanoutBench [--clients 200] [--messages 2000] [--rounds 3]
 * </pre>
 */
public final class ClusterFanoutBench {
    static final String ROOM = "room";
    static final Duration CAP = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The flags. */
    record Config(int clients, int messages, int rounds) {
        Config {
            if (clients < 1 || messages < 1 || rounds < 1) {
                throw new IllegalArgumentException("--clients, --messages and --rounds must be at least 1");
            }
        }

        static Config parse(String... args) {
            int clients = 200;
            int messages = 2000;
            int rounds = 3;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                int n;
                try {
                    n = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(arg + " needs a number: " + value);
                }
                switch (arg) {
                    case "--clients" -> clients = n;
                    case "--messages" -> messages = n;
                    case "--rounds" -> rounds = n;
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            return new Config(clients, messages, rounds);
        }
    }

    /** One run's figures. */
    record Result(int nodes, int clients, int messages, long deliveries, double seconds) {
        double deliveriesPerSecond() {
            return seconds > 0 ? deliveries / seconds : 0;
        }

        String json() {
            return String.format(java.util.Locale.ROOT,
                    "{\"nodes\":%d,\"clients\":%d,\"messages\":%d,\"deliveries\":%d,\"seconds\":%.3f,"
                            + "\"deliveriesPerSecond\":%.0f}",
                    nodes, clients, messages, deliveries, seconds, deliveriesPerSecond());
        }
    }

    private ClusterFanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cluster-fanout-bench: " + e.getMessage());
            System.err.println("usage: ClusterFanoutBench [--clients N] [--messages N] [--rounds N]");
            System.exit(2);
            return;
        }
        run(config, System.out);
        System.exit(0);
    }

    /** Runs every round for 1 and 2 nodes, printing one JSON line per run then the medians; returns all runs. */
    static List<Result> run(Config config, PrintStream out) throws Exception {
        List<Result> results = new ArrayList<>();
        try (RedisTestServer redis = RedisTestServer.start()) {
            for (int round = 0; round < config.rounds(); round++) {
                for (int nodes = 1; nodes <= 2; nodes++) {
                    Result result = runOnce(redis.uri(), nodes, config.clients(), config.messages());
                    results.add(result);
                    out.println(result.json());
                    out.flush();
                }
            }
        }
        for (int nodes = 1; nodes <= 2; nodes++) {
            int n = nodes;
            double[] rates = results.stream().filter(r -> r.nodes() == n)
                    .mapToDouble(Result::deliveriesPerSecond).sorted().toArray();
            double[] seconds = results.stream().filter(r -> r.nodes() == n)
                    .mapToDouble(Result::seconds).sorted().toArray();
            out.println(String.format(java.util.Locale.ROOT,
                    "{\"median\":true,\"nodes\":%d,\"clients\":%d,\"messages\":%d,\"rounds\":%d,"
                            + "\"seconds\":%.3f,\"deliveriesPerSecond\":%.0f}",
                    nodes, config.clients(), config.messages(), config.rounds(), median(seconds), median(rates)));
        }
        out.flush();
        return results;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static final class Node {
        final RedisAdapterFactory adapter;
        final SocketIoServer io;
        final TetherServer server;

        Node(String redisUri) {
            adapter = RedisAdapter.factory(redisUri);
            io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter)
                    .handlerExecution(HandlerExecution.inline()).build());
            io.of("/").onConnection(socket -> socket.join(ROOM));
            server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        }

        void stop() {
            try {
                server.stop();
            } finally {
                adapter.close();
            }
        }
    }

    static Result runOnce(String redisUri, int nodeCount, int clientCount, int messages) throws Exception {
        List<Node> nodes = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fanout-bench-client");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            for (int i = 0; i < nodeCount; i++) {
                nodes.add(new Node(redisUri));
            }
            CountDownLatch done = new CountDownLatch(clientCount);
            AtomicLong delivered = new AtomicLong();
            List<CompletableFuture<Void>> connected = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                Client client = new Client(messages, done, delivered);
                clients.add(client);
                int port = nodes.get(i % nodeCount).server.port();
                connected.add(client.connect(http, port));
                if (connected.size() % 50 == 0) {
                    CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            SocketIoServer emitter = nodes.get(0).io;
            warmUp(emitter, clients);

            ObjectNode payload = JSON.createObjectNode();
            payload.put("text", "hello from node 0");
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                ObjectNode message = payload.deepCopy();
                message.put("seq", i);
                emitter.to(ROOM).emit("msg", message);
            }
            boolean complete = done.await(CAP.toMillis(), TimeUnit.MILLISECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            long deliveries = complete ? (long) clientCount * messages : delivered.get();
            return new Result(nodeCount, clientCount, messages, deliveries, seconds);
        } finally {
            for (Client client : clients) {
                client.close();
            }
            for (Node node : nodes) {
                try {
                    node.stop();
                } catch (RuntimeException e) {
                    System.err.println("cannot stop a node: " + e);
                }
            }
            executor.shutdownNow();
        }
    }

    /** Emits {@code warm} to the room until every client has seen one: rooms and Redis subscriptions are ready. */
    private static void warmUp(SocketIoServer emitter, List<Client> clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            emitter.to(ROOM).emit("warm", 1);
            Thread.sleep(100);
            if (clients.stream().allMatch(c -> c.warm)) {
                return;
            }
        }
        throw new IllegalStateException("not every client received the warm-up broadcast within 15 s");
    }

    /** A raw Engine.IO 4 / Socket.IO 5 client over the JDK WebSocket. */
    static final class Client implements WebSocket.Listener {
        private final int expected;
        private final CountDownLatch done;
        private final AtomicLong delivered;
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket ws;
        volatile boolean warm;
        private int received;

        Client(int expected, CountDownLatch done, AtomicLong delivered) {
            this.expected = expected;
            this.done = done;
            this.delivered = delivered;
        }

        CompletableFuture<Void> connect(HttpClient http, int port) {
            URI uri = URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, this)
                    .whenComplete((w, error) -> {
                        if (error != null) {
                            connected.completeExceptionally(error);
                        }
                    });
            return connected;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                handle(webSocket, frame);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, String frame) {
            if (frame.startsWith("42[\"msg\"")) {
                delivered.incrementAndGet();
                if (++received == expected) {
                    done.countDown();
                }
            } else if (frame.startsWith("42[\"warm\"")) {
                warm = true;
            } else if (frame.equals("2")) {
                webSocket.sendText("3", true);
            } else if (frame.startsWith("0{")) {
                webSocket.sendText("40", true);
            } else if (frame.startsWith("40{")) {
                connected.complete(null);
            } else if (frame.startsWith("44")) {
                connected.completeExceptionally(new IllegalStateException("connect refused: " + frame));
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connected.completeExceptionally(error);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            connected.completeExceptionally(new IllegalStateException("closed: " + statusCode + " " + reason));
            return null;
        }

        void close() {
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
        }
    }

    static List<String> lines(String output) {
        return Arrays.stream(output.split("\\R")).filter(l -> !l.isBlank()).toList();
    }
}
