package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import io.tether.engine.EngineLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's connection to one namespace.
 *
 * <pre>{@code
 * io.onConnection(socket -> {
 *     socket.emit("welcome", Map.of("id", socket.id()));
 *     socket.on("chat", (args, ack) -> ack.send("received"));
 *     socket.onDisconnect(reason -> log.info("{} left: {}", socket.id(), reason));
 * });
 * }</pre>
 *
 * <p>Methods may be called from any thread. Handlers run on the connection's I/O thread, one at a time.
 */
public final class Socket {
    private static final Logger log = LoggerFactory.getLogger(Socket.class);

    private final String id;
    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();
    private final List<Consumer<String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private volatile boolean connected;

    Socket(String id, Namespace namespace, Client client, Handshake handshake) {
        this.id = id;
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
    }

    /** This socket's id, which the client also receives. */
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

    /** The Engine.IO session id of the underlying connection. */
    public String connectionId() {
        return client.session().id();
    }

    /** The name of the transport in use: {@code polling} or {@code websocket}. */
    public String transport() {
        var t = client.session().transport();
        return t == null ? null : t.name();
    }

    /** Adds a handler for an event from the client. */
    public Socket on(String event, EventHandler handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        handlers.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /** Removes every handler of an event. */
    public Socket off(String event) {
        handlers.remove(event);
        return this;
    }

    /** Adds a listener told, with the reason, when the socket disconnects. */
    public Socket onDisconnect(Consumer<String> listener) {
        disconnectListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /**
     * Sends an event to the client. Arguments are serialized with the server's {@code ObjectMapper};
     * {@code byte[]} travel as binary. An {@link AckCallback} as the last argument asks for an acknowledgement.
     */
    public void emit(String event, Object... args) {
        emit(event, args, 0);
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

        /** Like {@link Socket#emit}; a trailing {@link AckCallback} is told of the answer or the timeout. */
        public void emit(String event, Object... args) {
            Socket.this.emit(event, args, timeoutMillis);
        }

        /** Emits and returns the acknowledgement, which fails with an {@link AckException} on timeout. */
        public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
            return Socket.this.emitWithAck(event, args, timeoutMillis);
        }
    }

    private CompletableFuture<EventArgs> emitWithAck(String event, Object[] args, long timeoutMillis) {
        CompletableFuture<EventArgs> future = new CompletableFuture<>();
        Object[] withCallback = java.util.Arrays.copyOf(args, args.length + 1);
        withCallback[args.length] = (AckCallback) (error, answer) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(answer);
            }
        };
        emit(event, withCallback, timeoutMillis);
        return future;
    }

    private void emit(String event, Object[] args, long timeoutMillis) {
        Objects.requireNonNull(event, "event");
        if (PacketDecoder.RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        AckCallback callback = null;
        int count = args.length;
        if (count > 0 && args[count - 1] instanceof AckCallback cb) {
            callback = cb;
            count--;
        }
        ArrayNode data = JsonNodeFactory.instance.arrayNode(count + 1);
        data.add(event);
        for (int i = 0; i < count; i++) {
            data.add(toNode(args[i]));
        }
        long ackId = SocketIoPacket.NO_ACK;
        if (callback != null) {
            if (!connected) {
                callback.onAck(AckException.disconnected(), null);
                return;
            }
            ackId = nextAckId.getAndIncrement();
            registerAck(ackId, callback, timeoutMillis);
        }
        if (connected) {
            client.send(new SocketIoPacket(PacketType.EVENT, namespace.name(), ackId, data));
        }
    }

    private void registerAck(long ackId, AckCallback callback, long timeoutMillis) {
        PendingAck pending = new PendingAck(callback);
        acks.put(ackId, pending);
        if (timeoutMillis > 0) {
            EngineLoop loop = client.session().loop();
            Runnable schedule = () -> pending.timer = loop.schedule(() -> {
                if (acks.remove(ackId, pending)) {
                    pending.complete(AckException.timeout(), null);
                }
            }, timeoutMillis);
            if (loop.inLoop()) {
                schedule.run();
            } else {
                loop.execute(schedule);
            }
        }
    }

    private JsonNode toNode(Object arg) {
        return namespace.server().toNode(arg);
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
                client.send(new SocketIoPacket(PacketType.DISCONNECT, namespace.name(), SocketIoPacket.NO_ACK, null));
                onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
            }
        });
    }

    /** Leaves the namespace, keeping the connection for other namespaces. */
    public void disconnect() {
        disconnect(false);
    }

    // ---- called by the client, on the loop ----

    void clientSend(List<io.tether.engine.EnginePacket> encoded) {
        if (connected) {
            client.sendEncoded(encoded);
        }
    }

    /** The server is stopping: disconnect with {@code server shutting down}, on the loop. */
    void shutdown() {
        client.runOnLoop(() -> onClose(DisconnectReason.SERVER_SHUTTING_DOWN));
    }

    void onConnected() {
        connected = true;
    }

    void onPacket(SocketIoPacket packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> throw new IllegalStateException("not a socket packet: " + packet.type());
        }
    }

    private void onEvent(SocketIoPacket packet) {
        JsonNode data = packet.data();
        String event = data.get(0).asText();
        List<JsonNode> values = new ArrayList<>(data.size() - 1);
        for (int i = 1; i < data.size(); i++) {
            values.add(data.get(i));
        }
        EventArgs args = new EventArgs(values, namespace.server().mapper());
        Ack ack = packet.hasAck() ? new ClientAck(packet.ackId()) : NO_ACK;
        List<EventHandler> list = handlers.get(event);
        if (list == null || list.isEmpty()) {
            log.debug("socket {}: no handler for event \"{}\"", id, event);
            return;
        }
        for (EventHandler handler : list) {
            try {
                handler.handle(args, ack);
            } catch (Exception e) {
                log.error("socket {} ({}): handler of event \"{}\" failed", id, namespace.name(), event, e);
            }
        }
    }

    private void onAck(SocketIoPacket packet) {
        PendingAck pending = acks.remove(packet.ackId());
        if (pending == null) {
            log.debug("socket {}: unknown ack id {}", id, packet.ackId());
            return;
        }
        List<JsonNode> values = new ArrayList<>(packet.data().size());
        packet.data().forEach(values::add);
        pending.complete(null, new EventArgs(values, namespace.server().mapper()));
    }

    /** Marks the socket disconnected and tells its listeners; sends nothing. */
    void onClose(String reason) {
        if (!connected) {
            return;
        }
        connected = false;
        client.remove(this);
        namespace.remove(this);
        for (Long ackId : new ArrayList<>(acks.keySet())) {
            PendingAck pending = acks.remove(ackId);
            if (pending != null) {
                pending.complete(AckException.disconnected(), null);
            }
        }
        for (Consumer<String> listener : disconnectListeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                log.error("socket {}: disconnect listener failed", id, e);
            }
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
            ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
            for (Object arg : args) {
                data.add(toNode(arg));
            }
            if (connected) {
                client.send(new SocketIoPacket(PacketType.ACK, namespace.name(), ackId, data));
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
}
