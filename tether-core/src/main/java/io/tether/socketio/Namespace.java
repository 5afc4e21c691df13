package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.EnginePacket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace: a channel clients join by name ({@code "/"} is the main one), with its own middleware,
 * connection handlers and sockets.
 *
 * <pre>{@code
 * Namespace chat = io.of("/chat");
 * chat.use((socket, next) -> next.accept());
 * chat.onConnection(socket -> socket.emit("hello"));
 * chat.emit("news", "to every socket of /chat");
 * }</pre>
 */
public final class Namespace {
    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final String name;
    private final SocketIoServer server;
    private final List<NamespaceMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

    Namespace(String name, SocketIoServer server) {
        this.name = name;
        this.server = server;
    }

    /** The namespace's name, starting with {@code /}. */
    public String name() {
        return name;
    }

    /** The server this namespace belongs to. */
    public SocketIoServer server() {
        return server;
    }

    /** Adds a middleware run, in order of addition, before a socket may join. */
    public Namespace use(NamespaceMiddleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware));
        return this;
    }

    /** Adds a handler run for every socket that joins. */
    public Namespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(Objects.requireNonNull(handler));
        return this;
    }

    /** The connected sockets, by id. */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    /** Sends an event to every socket of this namespace; the packet is encoded once. */
    public void emit(String event, Object... args) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(server.toNode(arg));
        }
        List<EnginePacket> encoded = server.encoder().encode(
                new SocketIoPacket(PacketType.EVENT, name, SocketIoPacket.NO_ACK, data));
        for (Socket socket : sockets.values()) {
            socket.clientSend(encoded);
        }
    }

    /** Disconnects every socket of this namespace; with {@code close}, their connections too. */
    public void disconnectSockets(boolean close) {
        for (Socket socket : new ArrayList<>(sockets.values())) {
            socket.disconnect(close);
        }
    }

    // ---- joining, on the client's loop ----

    void add(Client client, JsonNode auth) {
        Socket socket = new Socket(client.socketIdFor(name), this, client, client.handshake(auth));
        runMiddlewares(client, socket, 0);
    }

    private void runMiddlewares(Client client, Socket socket, int index) {
        if (!client.isOpen()) {
            return;
        }
        if (index == middlewares.size()) {
            connect(client, socket);
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        NamespaceMiddleware.Next next = new NamespaceMiddleware.Next() {
            @Override
            public void accept() {
                if (called.compareAndSet(false, true)) {
                    client.runOnLoop(() -> runMiddlewares(client, socket, index + 1));
                }
            }

            @Override
            public void reject(String message, Object data) {
                if (called.compareAndSet(false, true)) {
                    client.runOnLoop(() -> refuse(client, message, data));
                }
            }
        };
        try {
            middlewares.get(index).handle(socket, next);
        } catch (Exception e) {
            log.error("namespace {}: middleware failed for a client", name, e);
            next.reject(e.getMessage() != null ? e.getMessage() : "middleware error", null);
        }
    }

    private void refuse(Client client, String message, Object data) {
        JsonNode payload;
        if (client.protocol() < 4) {
            // Socket.IO v2 clients expect the data, or the message, as the error itself
            payload = data != null ? server.mapper().valueToTree(data) : JsonNodeFactory.instance.textNode(message);
        } else {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("message", message);
            if (data != null) {
                error.set("data", server.mapper().valueToTree(data));
            }
            payload = error;
        }
        client.send(new SocketIoPacket(PacketType.CONNECT_ERROR, name, SocketIoPacket.NO_ACK, payload));
    }

    private void connect(Client client, Socket socket) {
        sockets.put(socket.id(), socket);
        client.register(name, socket);
        socket.onConnected();
        JsonNode data = null;
        if (client.protocol() >= 4) {
            ObjectNode ok = JsonNodeFactory.instance.objectNode();
            ok.put("sid", socket.id());
            data = ok;
        }
        client.send(new SocketIoPacket(PacketType.CONNECT, name, SocketIoPacket.NO_ACK, data));
        for (Consumer<Socket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                log.error("namespace {}: connection handler failed for socket {}", name, socket.id(), e);
            }
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
