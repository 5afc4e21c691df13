package io.tether.redis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.EventPackets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A broadcast of a {@link RedisEmitter} being described, immutable (each method returns a new one):
 * {@code emitter.to("room-1").except("banned").emit("news", item);}
 */
public final class RedisEmitterOperator {
    private final RedisEmitter emitter;
    private final Set<String> rooms;
    private final Set<String> except;
    private final Boolean isVolatile;
    private final Boolean compress;

    RedisEmitterOperator(RedisEmitter emitter) {
        this(emitter, Set.of(), Set.of(), null, null);
    }

    private RedisEmitterOperator(RedisEmitter emitter, Set<String> rooms, Set<String> except, Boolean isVolatile,
            Boolean compress) {
        this.emitter = emitter;
        this.rooms = rooms;
        this.except = except;
        this.isVolatile = isVolatile;
        this.compress = compress;
    }

    /** Targets the sockets in these rooms too: {@code emitter.to("room-1").to("room-2").emit("news")}. */
    public RedisEmitterOperator to(String... rooms) {
        return new RedisEmitterOperator(emitter, union(this.rooms, rooms), except, isVolatile, compress);
    }

    /** Same as {@link #to}: {@code emitter.in("room-1").socketsLeave("room-1")}. */
    public RedisEmitterOperator in(String... rooms) {
        return to(rooms);
    }

    /** Leaves out the sockets in these rooms (a socket id is a room): {@code op.except(socketId).emit("hi")}. */
    public RedisEmitterOperator except(String... rooms) {
        return new RedisEmitterOperator(emitter, this.rooms, union(except, rooms), isVolatile, compress);
    }

    /** Lets servers drop the event for clients not ready for it: {@code op.volatileFlag().emit("tick")}. */
    public RedisEmitterOperator volatileFlag() {
        return new RedisEmitterOperator(emitter, rooms, except, Boolean.TRUE, compress);
    }

    /** Sets the compress flag: {@code op.compress(false).emit("blob", bytes)}. */
    public RedisEmitterOperator compress(boolean compress) {
        return new RedisEmitterOperator(emitter, rooms, except, isVolatile, compress);
    }

    /**
     * Emits to the selected sockets of every server ({@code byte[]} as binary, other values as JSON via
     * Jackson): {@code emitter.to("room-1").emit("news", Map.of("id", 1), bytes)}.
     */
    public CompletableFuture<Long> emit(String event, Object... args) {
        ArrayNode data = EventPackets.eventData(EventPackets.requireEmittable(event), args, RedisProtocol::toNode);
        ObjectNode packet = RedisProtocol.eventPacket(emitter.namespace(), data);
        ObjectNode opts = RedisProtocol.broadcastOptions(rooms, except, flags());
        byte[] message = RedisProtocol.broadcastMessage(RedisProtocol.EMITTER_UID, packet, opts);
        return emitter.publish(RedisProtocol.broadcastChannel(emitter.key(), emitter.namespace(), rooms), message);
    }

    /** Makes the selected sockets join these rooms: {@code emitter.in(socketId).socketsJoin("room-1")}. */
    public CompletableFuture<Long> socketsJoin(String... rooms) {
        return request(RedisProtocol.RequestType.REMOTE_JOIN, rooms);
    }

    /** Makes the selected sockets leave these rooms: {@code emitter.in("room-1").socketsLeave("room-1")}. */
    public CompletableFuture<Long> socketsLeave(String... rooms) {
        return request(RedisProtocol.RequestType.REMOTE_LEAVE, rooms);
    }

    /** Disconnects the selected sockets, closing their connection when {@code close}: {@code op.disconnectSockets(true)}. */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        ObjectNode request = requestBase(RedisProtocol.RequestType.REMOTE_DISCONNECT);
        request.put("close", close);
        return publishRequest(request);
    }

    private CompletableFuture<Long> request(int type, String... rooms) {
        ObjectNode request = requestBase(type);
        request.set("rooms", RedisProtocol.strings(checked(rooms)));
        return publishRequest(request);
    }

    private ObjectNode requestBase(int type) {
        ObjectNode request = RedisProtocol.NODES.objectNode();
        request.put("type", type);
        request.set("opts", RedisProtocol.targetOptions(rooms, except));
        return request;
    }

    private CompletableFuture<Long> publishRequest(ObjectNode request) {
        return emitter.publish(RedisProtocol.requestChannel(emitter.key(), emitter.namespace()),
                RedisProtocol.json(request));
    }

    private ObjectNode flags() {
        ObjectNode flags = RedisProtocol.NODES.objectNode();
        if (isVolatile != null) {
            flags.put("volatile", isVolatile);
        }
        if (compress != null) {
            flags.put("compress", compress);
        }
        return flags;
    }

    private static Set<String> union(Set<String> current, String... more) {
        Set<String> union = new LinkedHashSet<>(current);
        union.addAll(checked(more));
        return Collections.unmodifiableSet(union);
    }

    private static List<String> checked(String... rooms) {
        Objects.requireNonNull(rooms, "rooms");
        for (String room : rooms) {
            Objects.requireNonNull(room, "room");
        }
        return List.of(rooms);
    }
}
