package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.internal.Ids;
import io.tether.socketio.adapter.Adapter;
import io.tether.socketio.adapter.RecoveredSession;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace: a channel clients join by name ({@code "/"} is the main one), with its own middleware,
 * connection handlers, sockets, rooms and broadcasts.
 *
 * <pre>{@code
 * Namespace chat = io.of("/chat");
 * chat.use((socket, next) -> next.accept());
 * chat.onConnection(socket -> socket.join("lobby"));
 * chat.to("lobby").emit("news", "to the lobby of /chat");
 * chat.onRoomCreated(room -> log.info("room {} opened", room));
 * }</pre>
 */
public final class Namespace {
    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final String name;
    private final SocketIoServer server;
    private final List<NamespaceMiddleware> middlewares;
    private final List<Consumer<Socket>> connectionHandlers;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong ackIds = new AtomicLong();
    private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();
    private final RoomEvents roomEvents = new RoomEvents(this);
    private final Adapter adapter;

    Namespace(String name, SocketIoServer server) {
        this(name, server, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    }

    /** A namespace sharing middlewares and connection handlers with its parent (dynamic namespaces). */
    Namespace(String name, SocketIoServer server, List<NamespaceMiddleware> middlewares,
            List<Consumer<Socket>> connectionHandlers) {
        this.name = name;
        this.server = server;
        this.middlewares = middlewares;
        this.connectionHandlers = connectionHandlers;
        this.adapter = server.options().adapterFactory().create(new NamespaceContext(this));
    }

    /** The namespace's name, starting with {@code /}. */
    public String name() {
        return name;
    }

    /** The server this namespace belongs to. */
    public SocketIoServer server() {
        return server;
    }

    /** The adapter that keeps this namespace's rooms and delivers its broadcasts. */
    public Adapter adapter() {
        return adapter;
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

    /** The connected sockets of this node, by id. */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    // ---- broadcasting ----

    /** A broadcast to the sockets in these rooms. */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(this).to(rooms);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** A broadcast to every socket but those in these rooms. */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(this).except(rooms);
    }

    /** A broadcast that sockets which cannot take it right now miss. */
    public BroadcastOperator volatileFlag() {
        return new BroadcastOperator(this).volatileFlag();
    }

    /** A broadcast with the compression flag set or not. */
    public BroadcastOperator compress(boolean compress) {
        return new BroadcastOperator(this).compress(compress);
    }

    /** A broadcast to this node's sockets only. */
    public BroadcastOperator local() {
        return new BroadcastOperator(this).local();
    }

    /** A broadcast whose acknowledgements time out after this many milliseconds. */
    public BroadcastOperator timeout(long millis) {
        return new BroadcastOperator(this).timeout(millis);
    }

    /** Sends an event to every socket of this namespace; the packet is encoded once. */
    public void emit(String event, Object... args) {
        new BroadcastOperator(this).emit(event, args);
    }

    /** Sends an event to every socket of this namespace and collects their acknowledgements in the callback. */
    public void emit(String event, BroadcastAckCallback callback, Object... args) {
        new BroadcastOperator(this).emit(event, callback, args);
    }

    /** Every socket of the namespace, with handshake, rooms and data. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return new BroadcastOperator(this).fetchSockets();
    }

    /** Makes every socket join rooms. */
    public void socketsJoin(String... rooms) {
        new BroadcastOperator(this).socketsJoin(rooms);
    }

    /** Makes every socket leave rooms. */
    public void socketsLeave(String... rooms) {
        new BroadcastOperator(this).socketsLeave(rooms);
    }

    /** Disconnects every socket of this namespace; with {@code close}, their connections too. */
    public void disconnectSockets(boolean close) {
        new BroadcastOperator(this).disconnectSockets(close);
    }

    /** Closes a room: every member leaves it (python-socketio's {@code close_room}). */
    public void closeRoom(String room) {
        in(room).socketsLeave(room);
    }

    // ---- room events ----

    /** Told when a room gets its first member. */
    public Namespace onRoomCreated(Consumer<String> listener) {
        roomEvents.createRoom.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Told when a room loses its last member. */
    public Namespace onRoomDeleted(Consumer<String> listener) {
        roomEvents.deleteRoom.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Told with the room and the socket id when a socket joins a room. */
    public Namespace onRoomJoined(BiConsumer<String, String> listener) {
        roomEvents.joinRoom.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Told with the room and the socket id when a socket leaves a room. */
    public Namespace onRoomLeft(BiConsumer<String, String> listener) {
        roomEvents.leaveRoom.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Runs a hook when a socket joins a room whose name matches the pattern. */
    public Namespace onJoin(Pattern rooms, RoomHook hook) {
        roomEvents.joinHooks.add(new RoomEvents.PatternHook(rooms, hook));
        return this;
    }

    /** Runs a hook when a socket leaves a room whose name matches the pattern. */
    public Namespace onLeave(Pattern rooms, RoomHook hook) {
        roomEvents.leaveHooks.add(new RoomEvents.PatternHook(rooms, hook));
        return this;
    }

    /** Handles an event from any socket that is in a room matching the pattern, once per matching room. */
    public Namespace onEventInRooms(Pattern rooms, String event, RoomHandler handler) {
        roomEvents.handlers.add(new RoomEvents.PatternHandler(rooms, event, handler));
        return this;
    }

    // ---- package internals ----

    RoomEvents roomEvents() {
        return roomEvents;
    }

    Map<String, Socket> socketMap() {
        return sockets;
    }

    /**
     * Sends an event to this namespace on the other nodes of the cluster (their {@link #onServerSideEmit}
     * handlers), not to clients. Without a cluster adapter there are no other nodes and nothing is sent.
     */
    public void serverSideEmit(String event, Object... args) {
        adapter.serverSideEmit(eventAndArgs(event, args));
    }

    /**
     * As {@link #serverSideEmit}, with every other node's answer (the first argument its handler gave
     * {@code ack.send}). Fails with an {@link AckException} when a node does not answer within the adapter's
     * requests timeout. Completes at once with no answers when there are no other nodes.
     */
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args) {
        return adapter.serverSideEmitWithAck(eventAndArgs(event, args));
    }

    /**
     * Handles an event another node sent with {@code serverSideEmit} (Tether's or Node's). {@code ack.send}
     * answers a {@code serverSideEmitWithAck} (only its first argument travels, as in Node); it does nothing
     * otherwise. Handlers run on the adapter's thread: hand long work to an executor.
     */
    public Namespace onServerSideEmit(String event, EventHandler handler) {
        serverSideHandlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /** An event from another node's {@code serverSideEmit}, as {@code [event, args...]}, for its handlers. */
    void receiveServerSideEmit(List<JsonNode> eventAndArgs, Ack ack) {
        if (eventAndArgs.isEmpty()) {
            return;
        }
        String event = eventAndArgs.get(0).asText();
        List<EventHandler> handlers = serverSideHandlers.get(event);
        if (handlers == null) {
            return;
        }
        EventArgs args = EventArgs.of(eventAndArgs.subList(1, eventAndArgs.size()), server.mapper());
        for (EventHandler handler : handlers) {
            try {
                handler.handle(args, ack);
            } catch (Exception e) {
                log.error("{}: server-side handler of event \"{}\" failed", name, event, e);
            }
        }
    }

    private ArrayNode eventAndArgs(String event, Object... args) {
        return EventPackets.eventData(EventPackets.requireEmittable(event), args, server.toNodes());
    }

    /** The next acknowledgement id of this namespace. */
    long nextAckId() {
        return ackIds.getAndIncrement();
    }

    void add(Client client, JsonNode auth) {
        RecoveredSession recovered = null;
        ConnectionStateRecovery recovery = server.options().connectionStateRecovery();
        if (recovery.enabled() && auth != null && auth.path("pid").isTextual() && auth.path("offset").isTextual()) {
            recovered = adapter.restoreSession(auth.get("pid").asText(), auth.get("offset").asText());
        }
        Socket socket = recovered != null
                ? new Socket(recovered.state().sid(), recovered.state().pid(), this, client, client.handshake(auth))
                : new Socket(client.socketIdFor(name), recovery.enabled() ? Ids.random() : null, this, client,
                        client.handshake(auth));
        RecoveredSession session = recovered;
        if (recovered != null && recovery.skipMiddlewares()) {
            connect(client, socket, session);
        } else {
            socket.executor().execute(() -> runMiddlewares(client, socket, session));
        }
    }

    /** Why a middleware refused a socket: what its client receives in the CONNECT_ERROR. */
    private record Refusal(String message, Object data) { }

    private void runMiddlewares(Client client, Socket socket, RecoveredSession recovered) {
        new MiddlewareChain<NamespaceMiddleware, Refusal>(middlewares,
                (middleware, step) -> {
                    // a client gone meanwhile is not worth asking the next middleware about
                    if (!client.isOpen()) {
                        socket.abandon();
                        return;
                    }
                    middleware.handle(socket, new NamespaceMiddleware.Next() {
                        @Override
                        public void accept() {
                            step.accept();
                        }

                        @Override
                        public void reject(String message, Object data) {
                            step.reject(new Refusal(message, data));
                        }
                    });
                },
                () -> connect(client, socket, recovered),
                refusal -> {
                    socket.abandon();
                    refuse(client, refusal.message(), refusal.data());
                },
                e -> {
                    log.error("namespace {}: middleware failed for a client", name, e);
                    return new Refusal(e.getMessage() != null ? e.getMessage() : "middleware error", null);
                }).start();
    }

    private void refuse(Client client, String message, Object data) {
        JsonNode payload;
        if (client.protocol() < 4) {
            // Socket.IO v2 clients expect the data, or the message, as the error itself
            payload = data != null ? server.toNode(data) : JsonNodeFactory.instance.textNode(message);
        } else {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("message", message);
            if (data != null) {
                error.set("data", server.toNode(data));
            }
            payload = error;
        }
        client.send(new SocketIoPacket(PacketType.CONNECT_ERROR, name, SocketIoPacket.NO_ACK, payload));
    }

    private void connect(Client client, Socket socket, RecoveredSession recovered) {
        client.runOnLoop(() -> {
            if (!client.isOpen()) {
                socket.abandon();
                return;
            }
            sockets.put(socket.id(), socket);
            client.register(name, socket);
            socket.holdSends();
            socket.onConnected(recovered);
            JsonNode data = null;
            if (client.protocol() >= 4) {
                ObjectNode ok = JsonNodeFactory.instance.objectNode();
                ok.put("sid", socket.id());
                if (socket.pid() != null) {
                    ok.put("pid", socket.pid());
                }
                data = ok;
            }
            SocketIoPacket connectPacket = new SocketIoPacket(PacketType.CONNECT, name, SocketIoPacket.NO_ACK, data);
            socket.executor().execute(() -> {
                for (Consumer<Socket> handler : connectionHandlers) {
                    try {
                        handler.accept(socket);
                    } catch (RuntimeException e) {
                        log.error("namespace {}: connection handler failed for socket {}", name, socket.id(), e);
                    }
                }
                // the client hears of the connection once its handlers are done, then what they sent
                client.runOnLoop(() -> socket.releaseSends(() -> {
                    client.send(connectPacket);
                    if (recovered != null) {
                        for (JsonNode missed : recovered.missedPackets()) {
                            client.send(new SocketIoPacket(PacketType.EVENT, name, SocketIoPacket.NO_ACK, missed));
                        }
                    }
                }));
            });
        });
    }

    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
