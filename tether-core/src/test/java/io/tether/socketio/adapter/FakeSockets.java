package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.socketio.Ack;
import io.tether.socketio.AckCallback;
import io.tether.socketio.ConnectionStateRecovery;
import io.tether.socketio.EncodedPacket;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Handshake;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import io.tether.socketio.SocketIoServer;
import io.tether.socketio.SocketIoOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * An adapter context whose local sockets are only ids: it records what the adapter delivers to them and which
 * acknowledgements it waits for. Encoding and remote sockets come from a real namespace without network.
 */
final class FakeSockets implements AdapterContext {
    private final AdapterContext real;
    private final Set<String> ids;
    final Map<String, List<SocketIoPacket>> delivered = new ConcurrentHashMap<>();
    final Map<String, AckCallback> awaitedAcks = new ConcurrentHashMap<>();
    final Map<String, Set<String>> joined = new ConcurrentHashMap<>();
    final List<String> disconnected = new CopyOnWriteArrayList<>();
    private final AtomicLong ackIds = new AtomicLong();
    private volatile BiConsumer<List<JsonNode>, Ack> serverSideHandler = (eventAndArgs, ack) -> { };

    FakeSockets(String... ids) {
        this.real = realContext();
        this.ids = Set.of(ids);
    }

    /** The context of a namespace of a server that never listens. */
    private static AdapterContext realContext() {
        List<AdapterContext> created = new CopyOnWriteArrayList<>();
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(context -> {
            created.add(context);
            return new InMemoryAdapter(context);
        }).build());
        io.of("/x");
        return created.stream().filter(c -> c.namespace().equals("/x")).findFirst().orElseThrow();
    }

    void onServerSideEmit(BiConsumer<List<JsonNode>, Ack> handler) {
        serverSideHandler = handler;
    }

    List<SocketIoPacket> deliveredTo(String socketId) {
        return delivered.getOrDefault(socketId, List.of());
    }

    /** The socket answers the acknowledgement the adapter waits for. */
    void ack(String socketId, JsonNode answer) {
        awaitedAcks.remove(socketId).onAck(null, EventArgs.of(List.of(answer), mapper()));
    }

    @Override
    public String namespace() {
        return real.namespace();
    }

    @Override
    public ObjectMapper mapper() {
        return real.mapper();
    }

    @Override
    public Optional<ConnectionStateRecovery> connectionStateRecovery() {
        return Optional.empty();
    }

    @Override
    public EncodedPacket encode(SocketIoPacket packet) {
        return real.encode(packet);
    }

    @Override
    public boolean deliver(String socketId, EncodedPacket packet, boolean isVolatile) {
        if (!ids.contains(socketId)) {
            return false;
        }
        delivered.computeIfAbsent(socketId, id -> new CopyOnWriteArrayList<>()).add(packet.packet());
        return true;
    }

    @Override
    public void expectAck(String socketId, long ackId, AckCallback callback) {
        awaitedAcks.put(socketId, callback);
    }

    @Override
    public long nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public Set<String> socketIds() {
        return ids;
    }

    @Override
    public Optional<RemoteSocket> describe(String socketId) {
        return ids.contains(socketId) ? Optional.of(remoteSocket(socketId, null, Set.of(socketId), Map.of()))
                : Optional.empty();
    }

    @Override
    public RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
        return real.remoteSocket(id, handshake, rooms, data);
    }

    @Override
    public void join(String socketId, Set<String> rooms) {
        joined.computeIfAbsent(socketId, id -> ConcurrentHashMap.newKeySet()).addAll(rooms);
    }

    @Override
    public void leave(String socketId, Set<String> rooms) {
        joined.getOrDefault(socketId, Set.of()).removeAll(rooms);
    }

    @Override
    public void disconnect(String socketId, boolean close) {
        disconnected.add(socketId);
    }

    @Override
    public void roomCreated(String room) { }

    @Override
    public void roomDeleted(String room) { }

    @Override
    public void roomJoined(String room, String socketId) { }

    @Override
    public void roomLeft(String room, String socketId) { }

    @Override
    public void serverSideEmit(List<JsonNode> eventAndArgs, Ack ack) {
        serverSideHandler.accept(new ArrayList<>(eventAndArgs), ack);
    }
}
