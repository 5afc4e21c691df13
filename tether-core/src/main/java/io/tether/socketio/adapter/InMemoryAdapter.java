package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.socketio.ConnectionStateRecovery;
import io.tether.socketio.EncodedPacket;
import io.tether.socketio.EventArgs;
import io.tether.socketio.PacketType;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The default adapter: rooms and broadcasts within this process. With connection state recovery on, it also
 * keeps the recent broadcasts and the state of disconnected sockets. It reaches the namespace only through its
 * {@link AdapterContext}.
 */
public class InMemoryAdapter implements Adapter {
    private final AdapterContext context;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> socketRooms = new ConcurrentHashMap<>();
    /** Room changes and their events happen under this lock, so listeners see them in the order they happen. */
    private final Object roomLock = new Object();

    private final ConnectionStateRecovery recovery;
    private final ArrayDeque<StoredPacket> recentPackets = new ArrayDeque<>();
    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong offsets = new AtomicLong();
    private final String offsetPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";

    public InMemoryAdapter(AdapterContext context) {
        this.context = context;
        this.recovery = context.connectionStateRecovery().orElse(null);
    }

    /** The context of the namespace this adapter serves. */
    protected AdapterContext context() {
        return context;
    }

    @Override
    public void addAll(String socketId, Set<String> newRooms) {
        synchronized (roomLock) {
            Set<String> mine = socketRooms.computeIfAbsent(socketId, id -> ConcurrentHashMap.newKeySet());
            for (String room : newRooms) {
                if (!mine.add(room)) {
                    continue;
                }
                boolean[] created = new boolean[1];
                rooms.compute(room, (r, members) -> {
                    if (members == null) {
                        members = ConcurrentHashMap.newKeySet();
                        created[0] = true;
                    }
                    members.add(socketId);
                    return members;
                });
                if (created[0]) {
                    context.roomCreated(room);
                }
                context.roomJoined(room, socketId);
            }
        }
    }

    @Override
    public void del(String socketId, String room) {
        synchronized (roomLock) {
            Set<String> mine = socketRooms.get(socketId);
            if (mine != null) {
                mine.remove(room);
            }
            removeFromRoom(socketId, room);
        }
    }

    private void removeFromRoom(String socketId, String room) {
        boolean[] removed = new boolean[2];
        rooms.computeIfPresent(room, (r, members) -> {
            removed[0] = members.remove(socketId);
            removed[1] = members.isEmpty();
            return removed[1] ? null : members;
        });
        if (removed[0]) {
            context.roomLeft(room, socketId);
            if (removed[1]) {
                context.roomDeleted(room);
            }
        }
    }

    @Override
    public void delAll(String socketId) {
        synchronized (roomLock) {
            Set<String> mine = socketRooms.remove(socketId);
            if (mine == null) {
                return;
            }
            for (String room : mine) {
                removeFromRoom(socketId, room);
            }
        }
    }

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        if (recovery != null && packet.type() == PacketType.EVENT && !packet.hasAck() && !options.isVolatile()
                && packet.data() instanceof ArrayNode data) {
            // the offset travels as the last argument; a recovering client sends the last one it saw
            String offset = offsetPrefix + Long.toString(offsets.incrementAndGet(), 36);
            ArrayNode withOffset = data.deepCopy();
            withOffset.add(offset);
            packet = new SocketIoPacket(packet.type(), packet.namespace(), packet.ackId(), withOffset);
            remember(new StoredPacket(offset, options, withOffset, System.currentTimeMillis()));
        }
        EncodedPacket encoded = context.encode(packet);
        boolean isVolatile = options.isVolatile();
        apply(options, socketId -> context.deliver(socketId, encoded, isVolatile));
    }

    @Override
    public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck) {
        EncodedPacket encoded = context.encode(packet);
        List<String> recipients = new ArrayList<>();
        apply(options, recipients::add);
        clientCount.accept(recipients.size());
        for (String socketId : recipients) {
            context.expectAck(socketId, packet.ackId(), (error, args) -> {
                if (error == null) {
                    onAck.accept(args);
                }
            });
            context.deliver(socketId, encoded, options.isVolatile());
        }
    }

    /** Runs an action for the id of every local socket the options select, each once. */
    protected void apply(BroadcastOptions options, Consumer<String> action) {
        Set<String> excluded = options.except().isEmpty() ? Set.of() : sockets(options.except());
        if (options.rooms().isEmpty()) {
            for (String id : context.socketIds()) {
                if (!excluded.contains(id)) {
                    action.accept(id);
                }
            }
            return;
        }
        Set<String> seen = options.rooms().size() > 1 ? new HashSet<>() : null;
        for (String room : options.rooms()) {
            Set<String> members = rooms.get(room);
            if (members == null) {
                continue;
            }
            for (String id : members) {
                if (!excluded.contains(id) && (seen == null || seen.add(id))) {
                    action.accept(id);
                }
            }
        }
    }

    @Override
    public Set<String> sockets(Set<String> selected) {
        Set<String> ids = new HashSet<>();
        if (selected.isEmpty()) {
            ids.addAll(context.socketIds());
            return ids;
        }
        for (String room : selected) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                ids.addAll(members);
            }
        }
        return ids;
    }

    @Override
    public Set<String> socketRooms(String socketId) {
        Set<String> mine = socketRooms.get(socketId);
        return mine == null ? Set.of() : Set.copyOf(mine);
    }

    @Override
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> found = new ArrayList<>();
        apply(options, socketId -> context.describe(socketId).ifPresent(found::add));
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> newRooms) {
        apply(options, socketId -> context.join(socketId, newRooms));
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> oldRooms) {
        List<String> selected = new ArrayList<>();
        apply(options, selected::add);
        for (String socketId : selected) {
            context.leave(socketId, oldRooms);
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        List<String> selected = new ArrayList<>();
        apply(options, selected::add);
        for (String socketId : selected) {
            context.disconnect(socketId, close);
        }
    }

    // ---- connection state recovery ----

    private record StoredPacket(String offset, BroadcastOptions options, JsonNode data, long emittedAt) { }

    private record StoredSession(SessionState state, long disconnectedAt) { }

    private void remember(StoredPacket packet) {
        synchronized (recentPackets) {
            recentPackets.addLast(packet);
            long oldest = packet.emittedAt() - recovery.maxDisconnectionDuration().toMillis();
            while (!recentPackets.isEmpty() && recentPackets.peekFirst().emittedAt() < oldest) {
                recentPackets.removeFirst();
            }
        }
    }

    @Override
    public void persistSession(SessionState session) {
        if (recovery == null) {
            return;
        }
        long now = System.currentTimeMillis();
        sessions.values().removeIf(s -> s.disconnectedAt() < now - recovery.maxDisconnectionDuration().toMillis());
        sessions.put(session.pid(), new StoredSession(session, now));
    }

    @Override
    public RecoveredSession restoreSession(String pid, String offset) {
        if (recovery == null) {
            return null;
        }
        StoredSession stored = sessions.remove(pid);
        long now = System.currentTimeMillis();
        if (stored == null || stored.disconnectedAt() < now - recovery.maxDisconnectionDuration().toMillis()) {
            return null;
        }
        List<JsonNode> missed = new ArrayList<>();
        boolean found = false;
        synchronized (recentPackets) {
            for (Iterator<StoredPacket> it = recentPackets.iterator(); it.hasNext(); ) {
                StoredPacket packet = it.next();
                if (found) {
                    if (reaches(packet.options(), stored.state().rooms())) {
                        missed.add(packet.data());
                    }
                } else if (packet.offset().equals(offset)) {
                    found = true;
                }
            }
        }
        return found ? new RecoveredSession(stored.state(), missed) : null;
    }

    private static boolean reaches(BroadcastOptions options, Set<String> socketRooms) {
        boolean included = options.rooms().isEmpty() || options.rooms().stream().anyMatch(socketRooms::contains);
        boolean excluded = options.except().stream().anyMatch(socketRooms::contains);
        return included && !excluded;
    }
}
