package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tether.engine.EngineServer;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A Socket.IO server: namespaces and their sockets over an Engine.IO server. It has no network code;
 * serve it with {@code TetherServer} from {@code tether-netty}.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.defaults());
 * io.onConnection(socket -> socket.on("ping", (args, ack) -> ack.send("pong")));
 * TetherServer.builder().port(8000).socketIo(io).build().start();
 * }</pre>
 */
public final class SocketIoServer {
    private final SocketIoOptions options;
    private final EngineServer engine;
    private final PacketEncoder encoder;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    private SocketIoServer(SocketIoOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.engine = EngineServer.create(options.engine());
        this.encoder = new PacketEncoder(options.objectMapper());
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
    }

    Namespace namespace(String name) {
        return namespaces.get(name);
    }

    ObjectMapper mapper() {
        return options.objectMapper();
    }

    PacketEncoder encoder() {
        return encoder;
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
