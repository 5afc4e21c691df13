package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.IO;
import io.tether.engine.AllowRequest;
import io.tether.socketio.Namespace;
import io.tether.socketio.ParentNamespace;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Namespace middleware (refusing with data, blocking before accepting), packet middleware ({@code socket.use})
 * with the socket's error listeners, the engine's {@code allowRequest} hook and dynamic namespaces, with the
 * official Java client.
 */
class MiddlewareAndNamespacesTest extends JavaClientTestSupport {

    // ---- namespace middleware ----

    @Test
    void namespaceMiddlewareRefusalReachesClientConnectErrorAsMessageAndData() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        startDefault(sio -> sio.of("/vault")
                .use((socket, next) -> next.reject("vault is locked",
                        Map.of("retryIn", 30, "roles", List.of("admin", "owner"))))
                .onConnection(socket -> connections.incrementAndGet()));
        io.socket.client.Socket client = client("/vault", options("websocket"));
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        client.connect();

        JSONObject payload = (JSONObject) result(error)[0];
        assertThat(payload.length()).isEqualTo(2);
        assertThat(payload.getString("message")).isEqualTo("vault is locked");
        JSONObject data = payload.getJSONObject("data");
        assertThat(data.getInt("retryIn")).isEqualTo(30);
        assertThat(data.getJSONArray("roles").toString()).isEqualTo("[\"admin\",\"owner\"]");
        assertThat(client.connected()).isFalse();
        assertThat(connections).hasValue(0);
    }

    @Test
    void namespaceMiddlewareBlockingForALookupStillLetsClientConnect() throws Exception {
        CompletableFuture<Socket> joined = new CompletableFuture<>();
        startDefault(sio -> sio.of("/lookup")
                .use((socket, next) -> {
                    Thread.sleep(200); // a slow user lookup, blocking the handler thread
                    socket.data().put("user", "looked up");
                    next.accept();
                })
                .onConnection(joined::complete));
        long start = System.nanoTime();

        io.socket.client.Socket client = connect(client("/lookup", options()));

        assertThat(client.connected()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        assertThat(result(joined).data()).containsEntry("user", "looked up");
    }

    @Test
    void namespaceMiddlewareBlockedForOneClientDoesNotDelayAnotherClientsEcho() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> lookupStarted = new CompletableFuture<>();
        startDefault(sio -> sio
                .use((socket, next) -> {
                    if (socket.handshake().auth().path("slow").asBoolean()) {
                        lookupStarted.complete(null);
                        // blocks until the test has seen the other client's echo (or gives up)
                        release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    next.accept();
                })
                .onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.toArray()))));
        io.socket.client.Socket fast = connected(options("websocket"));
        IO.Options slowOptions = options("websocket");
        slowOptions.auth = Map.of("slow", "true");
        io.socket.client.Socket slow = client(slowOptions);
        CompletableFuture<Void> slowConnected = new CompletableFuture<>();
        slow.once(io.socket.client.Socket.EVENT_CONNECT, args -> slowConnected.complete(null));
        slow.connect();
        result(lookupStarted);

        CompletableFuture<Object[]> echo = new CompletableFuture<>();
        fast.emit("echo", new Object[] {"still here"}, echo::complete);

        assertThat(result(echo)).containsExactly("still here");
        assertThat(slowConnected).isNotDone();
        release.countDown();
        result(slowConnected);
        assertThat(slow.connected()).isTrue();
    }

    // ---- packet middleware (socket.use) ----

    /** A server whose sockets refuse the event "forbidden" in a packet middleware. */
    private void startWithPacketMiddleware(AtomicInteger forbiddenCalls, CompletableFuture<Exception> error) {
        startDefault(sio -> sio.onConnection(socket -> {
            socket.use((event, args, next) -> {
                if (event.equals("forbidden")) {
                    next.reject(new IllegalStateException("unauthorized event " + event));
                } else {
                    next.accept();
                }
            });
            socket.onError(error::complete);
            socket.on("forbidden", (args, ack) -> {
                forbiddenCalls.incrementAndGet();
                ack.send("should not happen");
            });
            socket.on("allowed", (args, ack) -> ack.send("allowed " + args.text(0)));
        }));
    }

    @Test
    void packetMiddlewareRefusalKeepsTheEventFromItsHandler() throws Exception {
        AtomicInteger forbiddenCalls = new AtomicInteger();
        CompletableFuture<Exception> error = new CompletableFuture<>();
        startWithPacketMiddleware(forbiddenCalls, error);
        io.socket.client.Socket client = connected(options("websocket"));
        CompletableFuture<Object[]> forbiddenAck = new CompletableFuture<>();

        client.emit("forbidden", new Object[] {"x"}, forbiddenAck::complete);
        CompletableFuture<Object[]> allowedAck = new CompletableFuture<>();
        client.emit("allowed", new Object[] {"y"}, allowedAck::complete);

        // one socket's events are handled in order: "forbidden" was done with before "allowed" was answered
        result(allowedAck);
        assertThat(forbiddenCalls).hasValue(0);
        assertThat(forbiddenAck).isNotDone();
    }

    @Test
    void packetMiddlewareRefusalReachesSocketErrorListener() throws Exception {
        AtomicInteger forbiddenCalls = new AtomicInteger();
        CompletableFuture<Exception> error = new CompletableFuture<>();
        startWithPacketMiddleware(forbiddenCalls, error);
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("forbidden", "x");

        Exception refused = result(error);
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessage("unauthorized event forbidden");
    }

    @Test
    void eventAfterOneRefusedByPacketMiddlewareIsHandled() throws Exception {
        AtomicInteger forbiddenCalls = new AtomicInteger();
        CompletableFuture<Exception> error = new CompletableFuture<>();
        startWithPacketMiddleware(forbiddenCalls, error);
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("forbidden", "x");
        CompletableFuture<Object[]> allowedAck = new CompletableFuture<>();
        client.emit("allowed", new Object[] {"y"}, allowedAck::complete);

        assertThat(result(allowedAck)).containsExactly("allowed y");
        assertThat(client.connected()).isTrue();
    }

    // ---- allowRequest ----

    @Test
    void allowRequestRefusalGivesJavaClientConnectError() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        start(SocketIoOptions.builder()
                .allowRequest(request -> AllowRequest.Verdict.refuse("closed for maintenance"))
                .build());
        socketIo.onConnection(socket -> connections.incrementAndGet());
        listen();
        io.socket.client.Socket client = client(options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        client.connect();

        assertThat(result(error)).isNotEmpty();
        assertThat(client.connected()).isFalse();
        assertThat(connections).hasValue(0);
        assertThat(socketIo.engine().clientsCount()).isZero();
    }

    @Test
    void allowRequestRefusalAnswersHandshakeGetWith403Code4AndMessage() throws Exception {
        start(SocketIoOptions.builder()
                .allowRequest(request -> AllowRequest.Verdict.refuse("closed for maintenance"))
                .build());
        listen();

        HttpResponse<String> response = new RawPolling(server.port()).get("EIO=4&transport=polling");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        var body = RawPolling.json(response.body());
        assertThat(body.get("code").asInt()).isEqualTo(4);
        assertThat(body.get("message").asText()).isEqualTo("closed for maintenance");
    }

    // ---- dynamic namespaces ----

    private static final Pattern DYN = Pattern.compile("^/dyn-\\d+$");

    @Test
    void dynamicNamespacesAreServedByTheParentsConnectionHandler() throws Exception {
        Map<String, String> served = new ConcurrentHashMap<>();
        startDefault(sio -> sio.of(DYN).onConnection(socket -> {
            served.put(socket.namespace().name(), socket.id());
            socket.on("where", (args, ack) -> ack.send(socket.namespace().name()));
        }));

        io.socket.client.Socket one = connect(client("/dyn-1", options()));
        io.socket.client.Socket two = connect(client("/dyn-2", options()));
        CompletableFuture<Object[]> whereOne = new CompletableFuture<>();
        CompletableFuture<Object[]> whereTwo = new CompletableFuture<>();
        one.emit("where", new Object[0], whereOne::complete);
        two.emit("where", new Object[0], whereTwo::complete);

        assertThat(result(whereOne)).containsExactly("/dyn-1");
        assertThat(result(whereTwo)).containsExactly("/dyn-2");
        assertThat(served).containsOnlyKeys("/dyn-1", "/dyn-2");
    }

    @Test
    void dynamicNamespacesRunTheParentsMiddleware() throws Exception {
        List<String> checked = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.of(DYN).use((socket, next) -> {
            checked.add(socket.namespace().name());
            if (socket.namespace().name().equals("/dyn-13")) {
                next.reject("unlucky number", Map.of("nsp", socket.namespace().name()));
            } else {
                next.accept();
            }
        }));

        connect(client("/dyn-1", options()));
        connect(client("/dyn-2", options()));
        io.socket.client.Socket unlucky = client("/dyn-13", options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        unlucky.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));
        unlucky.connect();

        JSONObject refusal = (JSONObject) result(error)[0];
        assertThat(refusal.getString("message")).isEqualTo("unlucky number");
        assertThat(refusal.getJSONObject("data").getString("nsp")).isEqualTo("/dyn-13");
        assertThat(checked).containsExactly("/dyn-1", "/dyn-2", "/dyn-13");
    }

    @Test
    void nameNotMatchingAnyParentIsAnInvalidNamespace() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        ParentNamespace[] parent = new ParentNamespace[1];
        startDefault(sio -> parent[0] = sio.of(DYN).onConnection(socket -> connections.incrementAndGet()));
        io.socket.client.Socket other = client("/other", options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        other.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        other.connect();

        assertThat(((JSONObject) result(error)[0]).getString("message")).isEqualTo("Invalid namespace");
        assertThat(connections).hasValue(0);
        assertThat(parent[0].children()).isEmpty();
    }

    @Test
    void parentEmitReachesTheSocketsOfEveryChild() throws Exception {
        ParentNamespace[] parent = new ParentNamespace[1];
        startDefault(sio -> {
            parent[0] = sio.of(DYN);
            sio.onConnection(socket -> socket.on("sync", (args, ack) -> ack.send("synced")));
        });
        io.socket.client.Socket one = connect(client("/dyn-1", options("websocket")));
        io.socket.client.Socket two = connect(client("/dyn-2", options("polling")));
        io.socket.client.Socket main = connect(client(options("websocket")));
        CompletableFuture<Object[]> oneGot = new CompletableFuture<>();
        CompletableFuture<Object[]> twoGot = new CompletableFuture<>();
        List<Object[]> mainGot = new CopyOnWriteArrayList<>();
        one.on("maintenance", oneGot::complete);
        two.on("maintenance", twoGot::complete);
        main.on("maintenance", mainGot::add);

        parent[0].emit("maintenance", "in 5 minutes", 5);

        assertThat(result(oneGot)).containsExactly("in 5 minutes", 5);
        assertThat(result(twoGot)).containsExactly("in 5 minutes", 5);
        // the main namespace is no child: a round trip on its connection, after the emit, shows nothing came
        CompletableFuture<Object[]> synced = new CompletableFuture<>();
        main.emit("sync", new Object[0], synced::complete);
        assertThat(result(synced)).containsExactly("synced");
        assertThat(mainGot).isEmpty();
    }

    @Test
    void parentChildrenListsTheNamespacesCreatedForClients() throws Exception {
        ParentNamespace[] parent = new ParentNamespace[1];
        startDefault(sio -> parent[0] = sio.of(DYN));

        connect(client("/dyn-1", options()));
        connect(client("/dyn-2", options()));
        connect(client("/dyn-2", options()));

        assertThat(parent[0].children()).extracting(Namespace::name).containsExactlyInAnyOrder("/dyn-1", "/dyn-2");
        assertThat(parent[0].children()).allSatisfy(child -> assertThat(child.sockets()).isNotEmpty());
    }

    @Test
    void predicateParentServesTheNamesItAccepts() throws Exception {
        ParentNamespace[] parent = new ParentNamespace[1];
        startDefault(sio -> parent[0] = sio.of((Predicate<String>) name -> name.startsWith("/tenant-"))
                .onConnection(socket -> socket.on("tenant",
                        (args, ack) -> ack.send(socket.namespace().name().substring("/tenant-".length())))));

        io.socket.client.Socket acme = connect(client("/tenant-acme", options()));
        CompletableFuture<Object[]> tenant = new CompletableFuture<>();
        acme.emit("tenant", new Object[0], tenant::complete);
        io.socket.client.Socket stranger = client("/landlord", options());
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        stranger.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));
        stranger.connect();

        assertThat(result(tenant)).containsExactly("acme");
        assertThat(((JSONObject) result(error)[0]).getString("message")).isEqualTo("Invalid namespace");
        assertThat(parent[0].children()).extracting(Namespace::name).containsExactly("/tenant-acme");
    }
}
