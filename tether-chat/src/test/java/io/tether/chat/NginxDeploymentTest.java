package io.tether.chat;

import io.tether.testkit.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployment of README-chat.md, for real: a redis-server, two chat nodes with {@code --redis} (in this JVM,
 * on free ports) and nginx in front of them (the Debian package, run as a child process with a generated
 * config), and two official Java clients connected through nginx, one polling that upgrades to WebSocket, one
 * WebSocket-only, each on another node.
 *
 * <p>Stickiness: a real deployment uses {@code ip_hash}, but both clients here come from 127.0.0.1, so ip_hash
 * would send both to one node. The test's nginx hashes a query parameter every request of a client carries
 * ({@code hash $arg_client}): still sticky (all of one client's requests, polling and WebSocket, reach one node),
 * and the test picks client ids that land on different nodes.
 */
class NginxDeploymentTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisTestServer redis;
    private ChatServer node1;
    private ChatServer node2;
    private Path dir;
    private Process nginx;
    private int nginxPort;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisTestServer.start();
        ChatSettings settings = ChatSettings.builder().host("127.0.0.1").port(0).logFormat("none")
                .redis(redis.uri()).build();
        node1 = ChatServer.start(settings, MessageLog.off());
        node2 = ChatServer.start(settings, MessageLog.off());
        dir = Files.createTempDirectory("tether-nginx");
        Files.createDirectories(dir.resolve("tmp"));
        nginxPort = freePort();
        Files.writeString(dir.resolve("nginx.conf"), nginxConf(nginxPort, node1.port(), node2.port()));
        String nginxBin = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        nginx = new ProcessBuilder(nginxBin, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("error.log")
                        + ";")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        awaitListening(nginxPort);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
                nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (node1 != null) {
            node1.stop();
        }
        if (node2 != null) {
            node2.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The README's config, with the test's stickiness (see the class comment) and paths in the temp dir. */
    static String nginxConf(int listenPort, int port1, int port2) {
        return """
                user root;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    access_log access.log;
                    client_body_temp_path tmp/client_body;
                    proxy_temp_path tmp/proxy;
                    fastcgi_temp_path tmp/fastcgi;
                    uwsgi_temp_path tmp/uwsgi;
                    scgi_temp_path tmp/scgi;

                    upstream tether_chat {
                        # a real deployment: ip_hash; (both test clients come from 127.0.0.1)
                        hash $arg_client;
                        server 127.0.0.1:%d;
                        server 127.0.0.1:%d;
                    }

                    server {
                        listen 127.0.0.1:%d;

                        location /socket.io/ {
                            proxy_pass http://tether_chat;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection "upgrade";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_read_timeout 60s;
                        }
                    }
                }
                """.formatted(port1, port2, listenPort);
    }

    @Test
    void twoClientsOnTwoNodesChatThroughNginx() throws Exception {
        // client A: polling first, then the upgrade to WebSocket
        Client a = connect("a", new String[] {"polling", "websocket"}, true);
        ChatServer nodeOfA = nodeOf(a.socket);
        // client B: WebSocket only, with an id that nginx sends to the other node
        Client b = null;
        for (int i = 0; i < 20 && b == null; i++) {
            Client candidate = connect("b" + i, new String[] {"websocket"}, false);
            if (nodeOf(candidate.socket) != nodeOfA) {
                b = candidate;
            } else {
                candidate.socket.close();
                clients.remove(candidate.socket);
            }
        }
        assertThat(b).as("a client id that nginx sends to the other node").isNotNull();
        ChatServer nodeOfB = nodeOf(b.socket);
        assertThat(nodeOfB).isNotSameAs(nodeOfA);
        assertThat(List.of(nodeOfA, nodeOfB)).containsExactlyInAnyOrder(node1, node2);
        // A upgraded to WebSocket through nginx, still on the same node (sticky)
        String sidOfA = a.socket.id();
        await().atMost(WAIT).until(() -> "websocket".equals(nodeOfA.io().sockets().sockets().get(sidOfA)
                .transport()));
        assertThat(nodeOf(a.socket)).isSameAs(nodeOfA);

        a.socket.emit("set_username", new JSONObject(Map.of("data", "alice")));
        b.socket.emit("set_username", new JSONObject(Map.of("data", "bob")));
        await().atMost(WAIT).until(() -> a.received.contains("Username is set to alice !"));
        Client bob = b;
        await().atMost(WAIT).until(() -> bob.received.contains("Username is set to bob !"));

        // chat:state is per node: each client sees the users of its own node
        await().atMost(WAIT).until(() -> a.lastStateNames().equals(List.of("alice")));
        await().atMost(WAIT).until(() -> bob.lastStateNames().equals(List.of("bob")));

        // the same room, joined on two nodes
        a.socket.emit("join", new JSONObject(Map.of("room", "lobby")));
        await().atMost(WAIT).until(() -> a.received.contains("Entered room: lobby"));
        b.socket.emit("join", new JSONObject(Map.of("room", "lobby")));
        await().atMost(WAIT).until(() -> bob.received.contains("Entered room: lobby"));
        // B's join is announced to the room, A included, across nodes
        await().atMost(WAIT).until(() -> a.received.stream().filter("Entered room: lobby"::equals).count() == 2);

        // room messages both ways
        a.socket.emit("my_room_event", new JSONObject(Map.of("room", "lobby", "data", "hi bob")));
        await().atMost(WAIT).until(() -> bob.received.contains("[alice] hi bob"));
        assertThat(a.received).contains("[alice] hi bob");
        b.socket.emit("my_room_event", new JSONObject(Map.of("room", "lobby", "data", "hi alice")));
        await().atMost(WAIT).until(() -> a.received.contains("[bob] hi alice"));

        // a broadcast reaches both
        a.socket.emit("my_broadcast_event", new JSONObject(Map.of("data", "everyone")));
        await().atMost(WAIT).until(() -> a.received.contains("[alice] everyone")
                && bob.received.contains("[alice] everyone"));
        b.socket.emit("my_broadcast_event", new JSONObject(Map.of("data", "all of you")));
        await().atMost(WAIT).until(() -> a.received.contains("[bob] all of you")
                && bob.received.contains("[bob] all of you"));

        // close_room on A's node makes B (on the other node) leave too
        a.socket.emit("close_room", new JSONObject(Map.of("room", "lobby")));
        await().atMost(WAIT).until(() -> bob.received.contains("Room lobby is closing."));
        await().atMost(WAIT).until(() -> !nodeOfB.io().sockets().sockets().get(bob.socket.id()).rooms()
                .contains("lobby"));
        a.socket.emit("my_room_event", new JSONObject(Map.of("room", "lobby", "data", "anyone?")));
        a.socket.emit("my_broadcast_event", new JSONObject(Map.of("data", "after")));
        await().atMost(WAIT).until(() -> bob.received.contains("[alice] after"));
        assertThat(bob.received).doesNotContain("[alice] anyone?");

        assertThat(Files.readString(dir.resolve("access.log"))).contains("/socket.io/");
    }

    /** A client and what it received: each my_response's data, each chat:state. */
    private record Client(Socket socket, List<String> received, List<JSONObject> states) {
        /** The names in the last chat:state. */
        List<String> lastStateNames() {
            if (states.isEmpty()) {
                return List.of();
            }
            org.json.JSONArray users = states.get(states.size() - 1).optJSONArray("users");
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; users != null && i < users.length(); i++) {
                names.add(users.optJSONObject(i).optString("name"));
            }
            return names;
        }
    }

    private Client connect(String id, String[] transports, boolean upgrade) throws Exception {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = transports;
        options.upgrade = upgrade;
        options.query = "client=" + id;
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + nginxPort), options);
        List<String> received = new CopyOnWriteArrayList<>();
        socket.on(ChatApp.RESPONSE, args -> {
            if (args.length > 0 && args[0] instanceof JSONObject json) {
                received.add(String.valueOf(json.opt("data")));
            }
        });
        List<JSONObject> states = new CopyOnWriteArrayList<>();
        socket.on("chat:state", args -> {
            if (args.length > 0 && args[0] instanceof JSONObject json) {
                states.add(json);
            }
        });
        clients.add(socket);
        socket.connect();
        await().atMost(WAIT).until(() -> socket.connected() && socket.id() != null);
        return new Client(socket, received, states);
    }

    /** The node that holds the client's socket, as the servers see it. */
    private ChatServer nodeOf(Socket client) {
        await().atMost(WAIT).until(() -> node1.io().sockets().sockets().containsKey(client.id())
                || node2.io().sockets().sockets().containsKey(client.id()));
        boolean on1 = node1.io().sockets().sockets().containsKey(client.id());
        boolean on2 = node2.io().sockets().sockets().containsKey(client.id());
        assertThat(on1 && on2).as("on one node only").isFalse();
        return on1 ? node1 : node2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private void awaitListening(int port) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                nginx.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }
}
