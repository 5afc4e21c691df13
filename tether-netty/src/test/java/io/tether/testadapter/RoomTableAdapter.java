package io.tether.testadapter;

import io.tether.socketio.EncodedPacket;
import io.tether.socketio.EventArgs;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import io.tether.socketio.adapter.Adapter;
import io.tether.socketio.adapter.AdapterContext;
import io.tether.socketio.adapter.BroadcastOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An adapter written against the adapter SPI alone, from outside {@code io.tether.socketio}: the rooms live in
 * two plain maps under one lock, and every socket is reached through the {@link AdapterContext}. It proves that
 * the SPI is enough to build an adapter without extending {@code InMemoryAdapter}.
 */
public final class RoomTableAdapter implements Adapter {
    private final AdapterContext context;
    private final Map<String, Set<String>> membersByRoom = new HashMap<>();
    private final Map<String, Set<String>> roomsBySocket = new HashMap<>();

    public RoomTableAdapter(AdapterContext context) {
        this.context = context;
    }

    @Override
    public synchronized void addAll(String socketId, Set<String> rooms) {
        Set<String> mine = roomsBySocket.computeIfAbsent(socketId, id -> new HashSet<>());
        for (String room : rooms) {
            if (!mine.add(room)) {
                continue;
            }
            Set<String> members = membersByRoom.get(room);
            if (members == null) {
                members = new HashSet<>();
                membersByRoom.put(room, members);
                context.roomCreated(room);
            }
            members.add(socketId);
            context.roomJoined(room, socketId);
        }
    }

    @Override
    public synchronized void del(String socketId, String room) {
        Set<String> mine = roomsBySocket.get(socketId);
        if (mine != null && mine.remove(room)) {
            leaveRoom(socketId, room);
        }
    }

    @Override
    public synchronized void delAll(String socketId) {
        Set<String> mine = roomsBySocket.remove(socketId);
        if (mine != null) {
            for (String room : mine) {
                leaveRoom(socketId, room);
            }
        }
    }

    private void leaveRoom(String socketId, String room) {
        Set<String> members = membersByRoom.get(room);
        if (members == null || !members.remove(socketId)) {
            return;
        }
        context.roomLeft(room, socketId);
        if (members.isEmpty()) {
            membersByRoom.remove(room);
            context.roomDeleted(room);
        }
    }

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        EncodedPacket encoded = context.encode(packet);
        for (String socketId : selected(options)) {
            context.deliver(socketId, encoded, options.isVolatile());
        }
    }

    @Override
    public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck) {
        EncodedPacket encoded = context.encode(packet);
        Set<String> recipients = selected(options);
        clientCount.accept(recipients.size());
        for (String socketId : recipients) {
            context.expectAck(socketId, packet.ackId(), (error, answer) -> {
                if (error == null) {
                    onAck.accept(answer);
                }
            });
            context.deliver(socketId, encoded, options.isVolatile());
        }
    }

    /** The ids of the local sockets the options select, each once. */
    private synchronized Set<String> selected(BroadcastOptions options) {
        Set<String> out = new LinkedHashSet<>();
        if (options.rooms().isEmpty()) {
            out.addAll(context.socketIds());
        } else {
            for (String room : options.rooms()) {
                out.addAll(membersByRoom.getOrDefault(room, Set.of()));
            }
            out.retainAll(context.socketIds());
        }
        for (String room : options.except()) {
            out.removeAll(membersByRoom.getOrDefault(room, Set.of()));
        }
        return out;
    }

    @Override
    public synchronized Set<String> sockets(Set<String> rooms) {
        return selected(new BroadcastOptions(rooms, Set.of(), false, true, true));
    }

    @Override
    public synchronized Set<String> socketRooms(String socketId) {
        return Set.copyOf(roomsBySocket.getOrDefault(socketId, Set.of()));
    }

    @Override
    public synchronized Set<String> rooms() {
        return Set.copyOf(membersByRoom.keySet());
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> found = new ArrayList<>();
        for (String socketId : selected(options)) {
            context.describe(socketId).ifPresent(found::add);
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        for (String socketId : selected(options)) {
            context.join(socketId, rooms);
        }
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        for (String socketId : selected(options)) {
            context.leave(socketId, rooms);
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        for (String socketId : selected(options)) {
            context.disconnect(socketId, close);
        }
    }
}
