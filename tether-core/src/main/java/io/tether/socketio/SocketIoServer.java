package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tether.engine.EngineServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A Socket.IO server: namespaces, their sockets, rooms and broadcasts, over an Engine.IO server. It has no
 * network code; serve it with {@code TetherServer} from {@code tether-netty}.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.defaults());
 * io.onConnection(socket -> socket.on("ping", (args, ack) -> ack.send("pong")));
 * io.to("room-1").emit("news", "hello room");
 * TetherServer.builder().port(8000).socketIo(io).build().start();
 * }</pre>
 */
public final class SocketIoServer {
    private final SocketIoOptions options;
    private final EngineServer engine;
    private final SocketIoParser parser;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
    private final Executor handlerExecutor;
    private volatile ScheduledExecutorService scheduler;
    private final Function<Object, JsonNode> toNodes = this::toNode;

    private SocketIoServer(SocketIoOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.engine = EngineServer.create(options.engine());
        this.parser = SocketIoParser.json(options.objectMapper(), options.maxAttachments());
        this.handlerExecutor = HandlerExecutors.create(options.handlerExecution());
        namespaces.put("/", new Namespace("/", this));
        engine.onConnection(session -> new Client(this, session).start());
    }

    /** A server with these settings. */
    public static SocketIoServer create(SocketIoOptions options) {
        return new SocketIoServer(options);
    }

    /** A server with Node's default settings. */
    public static SocketIoServer create() {
        return create(SocketIoOptions.defaults());
    }

    public SocketIoOptions options() {
        return options;
    }

    /** The Engine.IO server underneath, which the network layer serves. */
    public EngineServer engine() {
        return engine;
    }

    /** The namespace with this name, created on first use; clients may join only namespaces that exist. */
    public Namespace of(String name) {
        String n = name.startsWith("/") ? name : "/" + name;
        return namespaces.computeIfAbsent(n, key -> new Namespace(key, this));
    }

    /** Dynamic namespaces: those whose name matches the pattern exist as soon as a client asks for them. */
    public ParentNamespace of(Pattern names) {
        return of((Predicate<String>) name -> names.matcher(name).find());
    }

    /** Dynamic namespaces: those whose name the predicate accepts exist as soon as a client asks for them. */
    public ParentNamespace of(Predicate<String> names) {
        ParentNamespace parent = new ParentNamespace(this, names);
        parents.add(parent);
        return parent;
    }

    /**
     * Registers an annotated handler object ({@code @SocketNamespace}, {@code @OnConnect}, {@code @OnEvent},
     * {@code @OnDisconnect}) for every socket that joins its namespace from now on.
     *
     * <pre>{@code
     * io.register(new ChatHandler());
     * }</pre>
     *
     * @throws IllegalArgumentException if the handler's class has no annotated method or one that cannot be
     *         called as the {@code io.tether.socketio.annotation} package describes; the message names
     *         the method
     */
    public SocketIoServer register(Object handler) {
        AnnotatedHandlers.Binding binding = AnnotatedHandlers.bind(handler, options.objectMapper());
        of(binding.namespace()).onConnection(binding.onConnection());
        return this;
    }

    /** The main namespace, {@code "/"}. */
    public Namespace sockets() {
        return namespaces.get("/");
    }

    /** Adds a connection handler to the main namespace. */
    public SocketIoServer onConnection(Consumer<Socket> handler) {
        sockets().onConnection(handler);
        return this;
    }

    /** Adds a middleware to the main namespace. */
    public SocketIoServer use(NamespaceMiddleware middleware) {
        sockets().use(middleware);
        return this;
    }

    /** Sends an event to every socket of the main namespace. */
    public void emit(String event, Object... args) {
        sockets().emit(event, args);
    }

    /** Sends an event to every socket of the main namespace and collects their acknowledgements in the callback. */
    public void emit(String event, BroadcastAckCallback callback, Object... args) {
        sockets().emit(event, callback, args);
    }

    /** A broadcast to these rooms of the main namespace. */
    public BroadcastOperator to(String... rooms) {
        return sockets().to(rooms);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return sockets().in(rooms);
    }

    /** A broadcast to the main namespace leaving out these rooms. */
    public BroadcastOperator except(String... rooms) {
        return sockets().except(rooms);
    }

    /** A broadcast to the main namespace whose acknowledgements time out after this many milliseconds. */
    public BroadcastOperator timeout(long millis) {
        return sockets().timeout(millis);
    }

    /** A volatile broadcast to the main namespace. */
    public BroadcastOperator volatileFlag() {
        return sockets().volatileFlag();
    }

    /** A broadcast to this node's sockets of the main namespace. */
    public BroadcastOperator local() {
        return sockets().local();
    }

    /** The sockets of the main namespace. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return sockets().fetchSockets();
    }

    /** Makes every socket of the main namespace join rooms. */
    public void socketsJoin(String... rooms) {
        sockets().socketsJoin(rooms);
    }

    /** Makes every socket of the main namespace leave rooms. */
    public void socketsLeave(String... rooms) {
        sockets().socketsLeave(rooms);
    }

    /** Disconnects every socket of the main namespace. */
    public void disconnectSockets(boolean close) {
        sockets().disconnectSockets(close);
    }

    /**
     * Disconnects every socket with {@code server shutting down} and closes every connection.
     */
    public void close() {
        for (Namespace namespace : namespaces.values()) {
            for (Socket socket : new ArrayList<>(namespace.sockets().values())) {
                socket.shutdown();
            }
        }
        engine.close();
        for (Namespace namespace : namespaces.values()) {
            namespace.adapter().close();
        }
        // the handler executor stays up: the sockets' disconnect listeners are still to run on it, and it holds
        // nothing to release (virtual threads, or a daemon pool whose idle threads end by themselves)
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
        }
    }

    /** The namespace of this name, creating a dynamic child when a parent accepts the name; or null. */
    Namespace namespace(String name) {
        Namespace existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        for (ParentNamespace parent : parents) {
            if (parent.matches(name)) {
                return namespaces.computeIfAbsent(name, parent::createChild);
            }
        }
        return null;
    }

    ObjectMapper mapper() {
        return options.objectMapper();
    }

    /** The packet format of every connection. */
    SocketIoParser parser() {
        return parser;
    }

    Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** A timer thread for broadcast acknowledgement timeouts, started on first use. */
    ScheduledExecutorService scheduler() {
        ScheduledExecutorService s = scheduler;
        if (s == null) {
            synchronized (this) {
                s = scheduler;
                if (s == null) {
                    s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "tether-timeouts");
                        t.setDaemon(true);
                        return t;
                    });
                    scheduler = s;
                }
            }
        }
        return s;
    }

    /** {@link #toNode} as a function, made once for the event packets built on every emit. */
    Function<Object, JsonNode> toNodes() {
        return toNodes;
    }

    /** Converts an emitted argument to a JSON tree; byte arrays become binary nodes. */
    JsonNode toNode(Object arg) {
        if (arg == null) {
            return NullNode.getInstance();
        }
        if (arg instanceof JsonNode node) {
            return node;
        }
        if (arg instanceof byte[] bytes) {
            return BinaryNode.valueOf(bytes);
        }
        return options.objectMapper().valueToTree(arg);
    }
}
