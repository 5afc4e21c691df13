package io.tether.netty;

import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.emitter.Emitter;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.Futures;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * Starts a Tether server on a free port for each test and tracks the clients a test opens (the official Java
 * client, raw JDK WebSockets), closing them all and stopping the server after the test.
 */
abstract class JavaClientTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    protected SocketIoServer socketIo;
    protected TetherServer server;
    private final List<io.socket.client.Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Manager> managers = new CopyOnWriteArrayList<>();
    private final List<RawWebSocket> rawSockets = new CopyOnWriteArrayList<>();

    /** Creates a Socket.IO server with these options and serves it on a free port. */
    protected SocketIoServer start(SocketIoOptions options) {
        socketIo = SocketIoServer.create(options);
        return socketIo;
    }

    /** Starts serving the server created by {@link #start(SocketIoOptions)}; call after adding handlers. */
    protected TetherServer listen() {
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(socketIo).build().start();
        return server;
    }

    /** Creates a server with default options, lets the test configure it, and serves it. */
    protected SocketIoServer startDefault(java.util.function.Consumer<SocketIoServer> setup) {
        start(SocketIoOptions.defaults());
        setup.accept(socketIo);
        listen();
        return socketIo;
    }

    protected String url() {
        return "http://127.0.0.1:" + server.port();
    }

    protected URI uri() {
        return URI.create(url());
    }

    /** Client options: a new connection each time, no reconnection, and only these transports (if any). */
    protected static IO.Options options(String... transports) {
        IO.Options opts = new IO.Options();
        opts.forceNew = true;
        opts.reconnection = false;
        if (transports.length > 0) {
            opts.transports = transports;
        }
        return opts;
    }

    /** A client socket for a namespace (not yet connected), closed after the test. */
    protected io.socket.client.Socket client(String namespace, IO.Options opts) {
        io.socket.client.Socket socket = IO.socket(URI.create(url() + namespace), opts);
        clients.add(socket);
        return socket;
    }

    protected io.socket.client.Socket client(IO.Options opts) {
        return client("", opts);
    }

    /** A Manager (one Engine.IO connection) whose namespaces the test opens, closed after the test. */
    protected Manager manager(IO.Options opts) {
        Manager manager = new Manager(uri(), opts);
        managers.add(manager);
        return manager;
    }

    protected io.socket.client.Socket track(io.socket.client.Socket socket) {
        clients.add(socket);
        return socket;
    }

    /** Connects a client socket and waits for its {@code connect} event. */
    protected io.socket.client.Socket connect(io.socket.client.Socket socket) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(io.socket.client.Socket.EVENT_CONNECT_ERROR,
                args -> connected.completeExceptionally(new AssertionError(
                        "connect_error: " + (args.length > 0 ? args[0] : null))));
        socket.connect();
        result(connected);
        return socket;
    }

    protected io.socket.client.Socket connected(IO.Options opts) {
        return connect(client(opts));
    }

    /** Opens a raw JDK WebSocket to the Engine.IO endpoint (no Socket.IO client logic), closed after the test. */
    protected RawWebSocket rawWebSocket() {
        RawWebSocket ws = RawWebSocket.open(URI.create(
                "ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"));
        rawSockets.add(ws);
        return ws;
    }

    /** A listener completing a future with the first event's arguments. */
    protected static Emitter.Listener completing(CompletableFuture<Object[]> future) {
        return future::complete;
    }

    static <T> T result(CompletableFuture<T> future) {
        return Futures.result(future, TIMEOUT);
    }

    /** Waits for a future that must fail, and returns its cause. */
    static Throwable failureOf(CompletableFuture<?> future) {
        return Futures.failureOf(future, TIMEOUT);
    }

    @AfterEach
    void closeClientsAndStopServer() {
        for (io.socket.client.Socket socket : clients) {
            socket.off();
            socket.close();
        }
        for (Manager manager : managers) {
            manager.off();
        }
        for (RawWebSocket ws : rawSockets) {
            ws.abort();
        }
        if (server != null) {
            server.stop();
        }
    }
}
