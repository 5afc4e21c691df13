package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.engine.EngineLoop;
import io.tether.engine.EnginePacket;
import io.tether.socketio.adapter.BroadcastOptions;
import io.tether.socketio.adapter.RecoveredSession;
import io.tether.socketio.adapter.SessionState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's connection to one namespace.
 *
 * <pre>{@code
 * io.onConnection(socket -> {
 *     socket.data().put("name", "anonymous");
 *     socket.join("lobby");
 *     socket.on("chat", (args, ack) -> socket.to("lobby").emit("chat", args.get(0)));
 *     socket.on("join", JoinRequest.class, req -> socket.join(req.room()));
 *     socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));
 * });
 * }</pre>
 *
 * <p>Methods may be called from any thread. A socket's handlers run one at a time, in the order its packets
 * arrived, on the server's handler executor (virtual threads on Java 21+), so they may block.
 */
public final class Socket {
    private static final Logger log = LoggerFactory.getLogger(Socket.class);
    private static final Set<DisconnectReason> RECOVERABLE = EnumSet.of(DisconnectReason.TRANSPORT_ERROR,
            DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT,
            DisconnectReason.SERVER_SHUTTING_DOWN, DisconnectReason.FORCED_SERVER_CLOSE);

    private final String id;
    private final String pid;
    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final SerialExecutor executor;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();
    /** The socket's rarely used listener lists; null until one is registered, as most sockets never do. */
    private volatile Listeners listeners;
    private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile boolean recovered;
    /** Sends waiting for the CONNECT packet, while the connection handlers run; null once it has left. */
    private List<Runnable> heldSends;

    Socket(String id, String pid, Namespace namespace, Client client, Handshake handshake) {
        this.id = id;
        this.pid = pid;
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
        this.executor = new SerialExecutor(namespace.server().handlerExecutor(), client.session().loop());
    }

    /** This socket's id, which the client also receives; the socket is always in the room of that name. */
    public String id() {
        return id;
    }

    /** The namespace this socket belongs to. */
    public Namespace namespace() {
        return namespace;
    }

    /** What the client sent when it connected. */
    public Handshake handshake() {
        return handshake;
    }

    /** Whether the socket is connected. */
    public boolean connected() {
        return connected;
    }

    /** Whether this socket came back through connection state recovery, with its id, rooms and data. */
    public boolean recovered() {
        return recovered;
    }

    /** Data kept with the socket for its lifetime (python-socketio's session); found by {@code fetchSockets}. */
    public Map<String, Object> data() {
        return data;
    }

    /** The Engine.IO session id of the underlying connection. */
    public String connectionId() {
        return client.session().id();
    }

    /** The name of the transport in use: {@code polling} or {@code websocket}. */
    public String transport() {
        return client.session().transportType().wireName();
    }

    // ---- rooms ----

    /** Joins rooms; a socket that has disconnected joins nothing. */
    public Socket join(String... rooms) {
        if (closed) {
            return this;
        }
        namespace.adapter().addAll(id, Set.of(rooms));
        if (closed) {
            // the socket closed meanwhile and its cleanup may already have run: undo
            namespace.adapter().delAll(id);
        }
        return this;
    }

    /** Leaves a room. */
    public Socket leave(String room) {
        namespace.adapter().del(id, room);
        return this;
    }

    /** The rooms this socket is in, including the one named by its id. */
    public Set<String> rooms() {
        return namespace.adapter().socketRooms(id);
    }

    /** A broadcast to these rooms that leaves this socket out. */
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** A broadcast to every socket of the namespace but this one and those in these rooms. */
    public BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    /** A broadcast to every socket of the namespace but this one. */
    public BroadcastOperator broadcast() {
        return new BroadcastOperator(namespace).except(id);
    }

    // ---- listeners ----

    /** Adds a handler for an event from the client. */
    public Socket on(String event, EventHandler handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /** Adds a handler for an event whose first argument is bound to a type with the server's ObjectMapper. */
    public <T> Socket on(String event, Class<T> type, EventConsumer<T> handler) {
        Objects.requireNonNull(handler, "handler");
        return on(event, type, (TypedEventHandler<T>) (payload, ack) -> handler.accept(payload));
    }

    /** Adds a handler for an event whose first argument is bound to a type, with its acknowledgement. */
    public <T> Socket on(String event, Class<T> type, TypedEventHandler<T> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return on(event, (args, ack) -> {
            T payload;
            try {
                payload = args.isEmpty() ? null : args.get(0, type);
            } catch (IllegalArgumentException e) {
                String message = "invalid payload for \"" + event + "\": " + e.getMessage();
                log.warn("socket {} ({}): {}", id, namespace.name(), message);
                ack.send(Map.of("error", message));
                return;
            }
            handler.handle(payload, ack);
        });
    }

    /** Removes every handler of an event. */
    public Socket off(String event) {
        handlers.remove(event);
        return this;
    }

    /** Removes one handler of an event. */
    public Socket off(String event, EventHandler handler) {
        List<EventHandler> list = handlers.get(event);
        if (list != null) {
            list.remove(handler);
        }
        return this;
    }

    /** Adds a listener that sees every event from the client, before its handlers. */
    public Socket onAny(AnyListener listener) {
        registered().anyListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Removes a catch-all listener (all of them when null). */
    public Socket offAny(AnyListener listener) {
        if (listener == null) {
            registered().anyListeners.clear();
        } else {
            registered().anyListeners.remove(listener);
        }
        return this;
    }

    /** Adds a listener that sees every event sent to the client, broadcasts included. */
    public Socket onAnyOutgoing(AnyListener listener) {
        registered().anyOutgoingListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Removes an outgoing catch-all listener (all of them when null). */
    public Socket offAnyOutgoing(AnyListener listener) {
        if (listener == null) {
            registered().anyOutgoingListeners.clear();
        } else {
            registered().anyOutgoingListeners.remove(listener);
        }
        return this;
    }

    /** Adds a middleware run for every incoming event, in order of addition. */
    public Socket use(PacketMiddleware middleware) {
        registered().middlewares.add(Objects.requireNonNull(middleware));
        return this;
    }

    /** Adds a listener for errors: events refused by a middleware. */
    public Socket onError(Consumer<Exception> listener) {
        registered().errorListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Adds a listener told, with the reason, as the socket disconnects, while it is still in its rooms. */
    public Socket onDisconnecting(Consumer<DisconnectReason> listener) {
        registered().disconnectingListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Adds a listener told, with the reason, when the socket has disconnected. */
    public Socket onDisconnect(Consumer<DisconnectReason> listener) {
        registered().disconnectListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    // ---- emitting ----

    /**
     * Sends an event to the client. Arguments are serialized with the server's {@code ObjectMapper};
     * {@code byte[]} travel as binary.
     *
     * @throws IllegalArgumentException if the event is reserved, or an argument is an acknowledgement callback
     *         (use {@link #emit(String, AckCallback, Object...)} or {@link #emitWithAck})
     */
    public void emit(String event, Object... args) {
        emit(event, null, args, 0);
    }

    /** Sends an event and asks for an acknowledgement, which the callback is told of (no timeout). */
    public void emit(String event, AckCallback callback, Object... args) {
        emit(event, Objects.requireNonNull(callback, "callback"), args, 0);
    }

    /** Emits with an acknowledgement and returns it as a future (no timeout: see {@link #timeout}). */
    public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
        return emitWithAck(event, args, 0);
    }

    /** An emitter whose acknowledgements fail with an {@link AckException} after this many milliseconds. */
    public Emitter timeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new Emitter(millis);
    }

    /** Emits events with an acknowledgement timeout. Obtained from {@link Socket#timeout}. */
    public final class Emitter {
        private final long timeoutMillis;

        private Emitter(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        /** Like {@link Socket#emit(String, Object...)}: without an acknowledgement there is nothing to time out. */
        public void emit(String event, Object... args) {
            Socket.this.emit(event, null, args, timeoutMillis);
        }

        /** Emits and tells the callback of the answer, or of an {@link AckException} on timeout. */
        public void emit(String event, AckCallback callback, Object... args) {
            Socket.this.emit(event, Objects.requireNonNull(callback, "callback"), args, timeoutMillis);
        }

        /** Emits and returns the acknowledgement, which fails with an {@link AckException} on timeout. */
        public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
            return Socket.this.emitWithAck(event, args, timeoutMillis);
        }
    }

    private CompletableFuture<EventArgs> emitWithAck(String event, Object[] args, long timeoutMillis) {
        CompletableFuture<EventArgs> future = new CompletableFuture<>();
        emit(event, (error, answer) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(answer);
            }
        }, args, timeoutMillis);
        return future;
    }

    /** @param callback null when no acknowledgement is asked for */
    private void emit(String event, AckCallback callback, Object[] args, long timeoutMillis) {
        EventPackets.requireEmittable(event);
        ArrayNode data = EventPackets.eventData(event, args, namespace.server().toNodes());
        long ackId = SocketIoPacket.NO_ACK;
        if (callback != null) {
            if (!connected) {
                callback.onAck(AckException.disconnected(), null);
                return;
            }
            ackId = namespace.nextAckId();
            expectAck(ackId, callback);
            scheduleAckTimeout(ackId, timeoutMillis);
        }
        SocketIoPacket packet = new SocketIoPacket(PacketType.EVENT, namespace.name(), ackId, data);
        if (namespace.server().options().connectionStateRecovery().enabled()) {
            // through the adapter, as Node does, so that the packet gets an offset and is kept for recovery
            // (also while the socket is away: it is replayed if the socket comes back)
            namespace.adapter().broadcast(packet, new BroadcastOptions(Set.of(id), Set.of(), false, true, true));
        } else if (connected) {
            notifyOutgoing(packet);
            sendOrHold(() -> client.send(packet));
        }
    }

    /**
     * Sends now, or after the CONNECT packet while the connection handlers still run: a client never sees
     * "connect" before its connection handlers are done, as with Node's synchronous ones.
     */
    private void sendOrHold(Runnable send) {
        synchronized (this) {
            if (heldSends != null) {
                heldSends.add(send);
                return;
            }
        }
        send.run();
    }

    /** Holds this socket's packets until {@link #releaseSends}; on the loop, before the handlers run. */
    synchronized void holdSends() {
        heldSends = new ArrayList<>();
    }

    /**
     * Sends the CONNECT packet, then, in a later task of the loop, what the connection handlers sent meanwhile; on
     * the loop. The later task lets the CONNECT frame leave on its own (the network layer flushes once per loop
     * turn): a client that reads one frame, then starts listening for the next (the official socket.io-protocol
     * suite's waitFor does) would otherwise miss the packet that shared a read with the CONNECT.
     */
    void releaseSends(Runnable sendConnect) {
        synchronized (this) {
            sendConnect.run();
        }
        client.session().loop().execute(this::sendHeld);
    }

    private synchronized void sendHeld() {
        List<Runnable> held = heldSends;
        heldSends = null;
        if (held != null) {
            held.forEach(Runnable::run);
        }
    }

    private void scheduleAckTimeout(long ackId, long timeoutMillis) {
        PendingAck pending = acks.get(ackId);
        if (timeoutMillis <= 0 || pending == null) {
            return;
        }
        EngineLoop loop = client.session().loop();
        loop.run(() -> pending.timer = loop.schedule(() -> {
            if (acks.remove(ackId, pending)) {
                executor.execute(() -> pending.complete(AckException.timeout(), null));
            }
        }, timeoutMillis));
    }

    /** Leaves the namespace; with {@code close} the whole connection is closed too. */
    public void disconnect(boolean close) {
        client.runOnLoop(() -> {
            if (!connected) {
                return;
            }
            if (close) {
                client.disconnectAll();
            } else {
                sendOrHold(() -> client.send(
                        new SocketIoPacket(PacketType.DISCONNECT, namespace.name(), SocketIoPacket.NO_ACK, null)));
                onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
            }
        });
    }

    /** Leaves the namespace, keeping the connection for other namespaces. */
    public void disconnect() {
        disconnect(false);
    }

    // ---- package internals ----

    String pid() {
        return pid;
    }

    SerialExecutor executor() {
        return executor;
    }

    /** A broadcast reaches this socket: the packet is already encoded, the same bytes for everyone. */
    void deliver(SocketIoPacket packet, List<EnginePacket> encoded, boolean isVolatile) {
        if (!connected) {
            return;
        }
        notifyOutgoing(packet);
        sendOrHold(() -> client.sendEncoded(encoded, isVolatile));
    }

    /** Waits for this socket's answer to a packet with this ack id. */
    void expectAck(long ackId, AckCallback callback) {
        acks.put(ackId, new PendingAck(callback));
    }

    RemoteSocket toRemote() {
        return new RemoteSocket(namespace, id, handshake, rooms(), new HashMap<>(data));
    }

    /** Joined: on the loop, before the CONNECT packet leaves. */
    void onConnected(RecoveredSession session) {
        connected = true;
        join(id);
        if (session != null) {
            recovered = true;
            data.putAll(session.state().data());
            join(session.state().rooms().toArray(String[]::new));
        }
    }

    /** A packet for this socket, on the loop. */
    void onPacket(SocketIoPacket packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> executor.execute(() -> onEvent(packet));
            case ACK, BINARY_ACK -> {
                PendingAck pending = acks.remove(packet.ackId());
                if (pending == null) {
                    log.debug("socket {}: unknown ack id {}", id, packet.ackId());
                    return;
                }
                executor.execute(() -> pending.complete(null, argsOf(packet.data(), 0)));
            }
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> throw new IllegalStateException("not a socket packet: " + packet.type());
        }
    }

    private EventArgs argsOf(JsonNode data, int from) {
        List<JsonNode> values = new ArrayList<>(Math.max(0, data.size() - from));
        for (int i = from; i < data.size(); i++) {
            values.add(data.get(i));
        }
        return new EventArgs(values, namespace.server().mapper());
    }

    private void onEvent(SocketIoPacket packet) {
        if (!connected) {
            return;
        }
        String event = packet.data().get(0).asText();
        EventArgs args = argsOf(packet.data(), 1);
        Ack ack = packet.hasAck() ? new ClientAck(packet.ackId()) : NO_ACK;
        // as in Node, catch-all listeners see every event, even one a middleware then refuses
        for (AnyListener listener : listeners().anyListeners) {
            run(event, () -> listener.onEvent(event, args));
        }
        List<PacketMiddleware> middlewares = listeners().middlewares;
        if (middlewares.isEmpty()) {
            dispatch(event, args, ack);
            return;
        }
        new MiddlewareChain<PacketMiddleware, Exception>(middlewares,
                (middleware, step) -> middleware.handle(event, args, new PacketMiddleware.Next() {
                    @Override
                    public void accept() {
                        step.accept();
                    }

                    @Override
                    public void reject(Exception error) {
                        step.reject(error);
                    }
                }),
                () -> dispatch(event, args, ack), this::reportError, e -> e).start();
    }

    private void reportError(Exception error) {
        if (listeners().errorListeners.isEmpty()) {
            log.warn("socket {} ({}): event refused: {}", id, namespace.name(), error.getMessage());
        }
        for (Consumer<Exception> listener : listeners().errorListeners) {
            try {
                listener.accept(error);
            } catch (RuntimeException e) {
                log.error("socket {}: error listener failed", id, e);
            }
        }
    }

    private void dispatch(String event, EventArgs args, Ack ack) {
        List<EventHandler> list = handlers.get(event);
        if (list != null) {
            for (EventHandler handler : list) {
                run(event, () -> handler.handle(args, ack));
            }
        }
        List<RoomEvents.PatternHandler> roomHandlers = namespace.roomEvents().handlers;
        if (!roomHandlers.isEmpty()) {
            Set<String> rooms = rooms();
            for (RoomEvents.PatternHandler h : roomHandlers) {
                if (!h.event().equals(event)) {
                    continue;
                }
                for (String room : rooms) {
                    if (!room.equals(id) && h.pattern().matcher(room).find()) {
                        run(event, () -> h.handler().handle(this, room, args, ack));
                    }
                }
            }
        }
        if ((list == null || list.isEmpty()) && listeners().anyListeners.isEmpty()) {
            log.debug("socket {}: no handler for event \"{}\"", id, event);
        }
    }

    private void run(String event, ThrowingRunnable task) {
        try {
            task.run();
        } catch (Exception e) {
            log.error("socket {} ({}): handler of event \"{}\" failed", id, namespace.name(), event, e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void notifyOutgoing(SocketIoPacket packet) {
        if (listeners().anyOutgoingListeners.isEmpty() || packet.data() == null || packet.data().isEmpty()) {
            return;
        }
        String event = packet.data().get(0).asText();
        EventArgs args = argsOf(packet.data(), 1);
        for (AnyListener listener : listeners().anyOutgoingListeners) {
            run(event, () -> listener.onEvent(event, args));
        }
    }

    /** The socket will never connect (refused, or its client left during the middlewares): leave its rooms. */
    void abandon() {
        closed = true;
        namespace.adapter().delAll(id);
    }

    /** The server is stopping: disconnect with {@code server shutting down}, on the loop. */
    void shutdown() {
        client.runOnLoop(() -> onClose(DisconnectReason.SERVER_SHUTTING_DOWN));
    }

    /**
     * Marks the socket disconnected, on the loop; its listeners then run in order after its pending handlers,
     * while it is still in its rooms for {@code onDisconnecting}.
     */
    void onClose(DisconnectReason reason) {
        if (!connected) {
            return;
        }
        connected = false;
        closed = true;
        client.remove(this);
        namespace.remove(this);
        executor.execute(() -> {
            for (Consumer<DisconnectReason> listener : listeners().disconnectingListeners) {
                runListener(listener, reason);
            }
            Set<String> lastRooms = rooms();
            namespace.adapter().delAll(id);
            // persisted only once out of its rooms, so that a quick recovery cannot be undone by this cleanup
            if (pid != null && RECOVERABLE.contains(reason)) {
                namespace.adapter().persistSession(new SessionState(id, pid, lastRooms, new HashMap<>(data)));
            }
            for (Long ackId : new ArrayList<>(acks.keySet())) {
                PendingAck pending = acks.remove(ackId);
                if (pending != null) {
                    pending.complete(AckException.disconnected(), null);
                }
            }
            for (Consumer<DisconnectReason> listener : listeners().disconnectListeners) {
                runListener(listener, reason);
            }
        });
    }

    private void runListener(Consumer<DisconnectReason> listener, DisconnectReason reason) {
        try {
            listener.accept(reason);
        } catch (RuntimeException e) {
            log.error("socket {}: disconnect listener failed", id, e);
        }
    }

    private static final Ack NO_ACK = new Ack() {
        @Override
        public void send(Object... args) { }

        @Override
        public boolean requested() {
            return false;
        }
    };

    private final class ClientAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        ClientAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            if (!sent.compareAndSet(false, true)) {
                log.warn("socket {}: acknowledgement {} already sent", id, ackId);
                return;
            }
            ArrayNode data = EventPackets.ackData(args, namespace.server().toNodes());
            if (connected) {
                SocketIoPacket packet = new SocketIoPacket(PacketType.ACK, namespace.name(), ackId, data);
                sendOrHold(() -> client.send(packet));
            }
        }

        @Override
        public boolean requested() {
            return true;
        }
    }

    private static final class PendingAck {
        private final AckCallback callback;
        private volatile EngineLoop.Cancellable timer;

        PendingAck(AckCallback callback) {
            this.callback = callback;
        }

        void complete(AckException error, EventArgs args) {
            EngineLoop.Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            try {
                callback.onAck(error, args);
            } catch (RuntimeException e) {
                log.error("acknowledgement callback failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + ", " + namespace.name() + "]";
    }

    /** The lists to read: the registered ones, or empty ones. */
    private Listeners listeners() {
        Listeners l = listeners;
        return l == null ? Listeners.NONE : l;
    }

    /** The lists to register into, created on first use. */
    private Listeners registered() {
        Listeners l = listeners;
        if (l == null) {
            synchronized (this) {
                l = listeners;
                if (l == null) {
                    l = new Listeners(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                            new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                            new CopyOnWriteArrayList<>());
                    listeners = l;
                }
            }
        }
        return l;
    }

    private record Listeners(List<AnyListener> anyListeners, List<AnyListener> anyOutgoingListeners,
                             List<PacketMiddleware> middlewares, List<Consumer<Exception>> errorListeners,
                             List<Consumer<DisconnectReason>> disconnectingListeners,
                             List<Consumer<DisconnectReason>> disconnectListeners) {
        static final Listeners NONE = new Listeners(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
