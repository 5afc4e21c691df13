package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.tether.netty.TetherServer;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Tether nodes (each a TetherServer on a free port with its own SocketIoServer and Redis adapter) and official
 * Java clients connected to them; closes everything.
 */
final class RedisAdapterTestCluster implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    /** One Tether server in the cluster. */
    static final class Node {
        final SocketIoServer io;
        final TetherServer server;
        final RedisAdapterFactory factory;

        Node(SocketIoServer io, TetherServer server, RedisAdapterFactory factory) {
            this.io = io;
            this.server = server;
            this.factory = factory;
        }

        String url() {
            return "http://127.0.0.1:" + server.port();
        }

        /** The server side of a connected client. */
        io.tether.socketio.Socket socketOf(Client client) {
            io.tether.socketio.Socket socket = io.of(client.namespace).sockets().get(client.socket.id());
            assertThat(socket).as("server socket of " + client.name).isNotNull();
            return socket;
        }
    }

    /** A connected client recording the first argument of every {@code msg} event. */
    static final class Client {
        final String name;
        final String namespace;
        final io.socket.client.Socket socket;
        final List<Object> received = new CopyOnWriteArrayList<>();

        Client(String name, String namespace, io.socket.client.Socket socket) {
            this.name = name;
            this.namespace = namespace;
            this.socket = socket;
            socket.on("msg", args -> received.add(args.length > 0 ? args[0] : null));
        }

        List<Object> received() {
            return new ArrayList<>(received);
        }

        /** What it received apart from fences. */
        List<Object> messages() {
            List<Object> out = new ArrayList<>();
            for (Object m : received) {
                if (!(m instanceof String s && s.startsWith("fence-"))) {
                    out.add(m);
                }
            }
            return out;
        }
    }

    Node node(RedisAdapterOptions options, String... namespaces) {
        RedisAdapterFactory factory = RedisAdapter.factory(options);
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(factory).build());
        for (String nsp : namespaces) {
            io.of(nsp);
        }
        TetherServer server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        Node node = new Node(io, server, factory);
        nodes.add(node);
        return node;
    }

    Client connect(Node node, String name) {
        return connect(node, "/", name);
    }

    Client connect(Node node, String namespace, String name) {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        opts.transports = new String[] {"websocket"};
        io.socket.client.Socket socket = IO.socket(URI.create(node.url() + ("/".equals(namespace) ? "" : namespace)),
                opts);
        Client client = new Client(name, namespace, socket);
        clients.add(client);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(io.socket.client.Socket.EVENT_CONNECT_ERROR,
                args -> connected.completeExceptionally(new AssertionError("connect_error " + name)));
        socket.connect();
        try {
            connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot connect " + name + ": " + e, e);
        }
        return client;
    }

    /** Waits until each of these clients received exactly this (fences aside), in this order. */
    static void awaitMessages(List<Object> expected, Client... clients) {
        for (Client client : clients) {
            await().atMost(TIMEOUT).untilAsserted(() ->
                    assertThat(client.messages()).as(client.name).hasSizeGreaterThanOrEqualTo(expected.size()));
            assertThat(client.messages()).as(client.name).containsExactlyElementsOf(expected);
        }
    }

    private int fences;

    /**
     * Emits a fence from this node to every socket of the namespace and waits until every client of the
     * namespace got it: what the node published before has then reached every node (Redis keeps the order of
     * one connection's messages).
     */
    void fence(Node from, String namespace) {
        String fence = "fence-" + (++fences);
        from.io.of(namespace).emit("msg", fence);
        for (Client client : clients) {
            if (client.namespace.equals(namespace)) {
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.received()).as(client.name)
                        .contains(fence));
            }
        }
    }

    @Override
    public void close() {
        for (Client client : clients) {
            client.socket.off();
            client.socket.close();
        }
        for (Node node : nodes) {
            node.server.stop();
            node.factory.close();
        }
    }
}
