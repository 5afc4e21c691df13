package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.PacketType;
import io.tether.socketio.SocketIoPacket;
import io.tether.socketio.adapter.BroadcastOptions;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The broadcast message of @socket.io/redis-adapter (classic pub/sub mode), in MessagePack:
 * {@code [uid, {type, data, nsp, id?}, {rooms: [...], except: [...], flags: {volatile?, compress?, local?}}]}.
 * Binary values are MessagePack bin (Jackson {@code BinaryNode}s on this side). Channels and msgpack are
 * {@link RedisProtocol}'s; this class maps Tether's packets and options to and from the message.
 */
final class RedisAdapterCodec {
    private RedisAdapterCodec() { }

    /** A decoded broadcast message from a node. */
    record Broadcast(String uid, SocketIoPacket packet, BroadcastOptions options) { }

    static byte[] encode(String uid, SocketIoPacket packet, BroadcastOptions options) {
        return RedisProtocol.broadcastMessage(uid, packetJson(packet), optionsJson(options));
    }

    /** A packet as {@code {type, data, nsp, id?}}. */
    static ObjectNode packetJson(SocketIoPacket packet) {
        ObjectNode p = RedisProtocol.NODES.objectNode();
        p.put("type", packet.type().ordinal()); // EVENT even with binary: the receiving encoder decides
        if (packet.data() != null) {
            p.set("data", packet.data());
        }
        p.put("nsp", packet.namespace());
        if (packet.hasAck()) {
            p.put("id", packet.ackId());
        }
        return p;
    }

    /** Broadcast options as {@code {rooms, flags, except}}. */
    static ObjectNode optionsJson(BroadcastOptions options) {
        ObjectNode flags = RedisProtocol.NODES.objectNode();
        if (options.isVolatile()) {
            flags.put("volatile", true);
        }
        if (!options.compress()) {
            flags.put("compress", false);
        }
        if (options.local()) {
            flags.put("local", true);
        }
        return RedisProtocol.broadcastOptions(options.rooms(), options.except(), flags);
    }

    /** Decodes a broadcast message; throws IllegalArgumentException when it is not one. */
    static Broadcast decode(byte[] bytes) {
        JsonNode message;
        try {
            message = RedisProtocol.unpack(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not MessagePack: " + e.getMessage(), e);
        }
        if (message == null || !message.isArray() || message.size() < 3 || !message.get(1).isObject()) {
            throw new IllegalArgumentException("not a broadcast message [uid, packet, opts]");
        }
        String uid = message.get(0).asText();
        return new Broadcast(uid, packet(message.get(1)), options(message.get(2)));
    }

    /** A packet {@code {type, data, nsp, id?}} as Tether's. */
    static SocketIoPacket packet(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw new IllegalArgumentException("no packet");
        }
        int typeCode = p.path("type").asInt(PacketType.EVENT.ordinal());
        PacketType[] types = PacketType.values();
        if (typeCode < 0 || typeCode >= types.length) {
            throw new IllegalArgumentException("unknown packet type " + typeCode);
        }
        PacketType type = types[typeCode];
        // the binary variants are the encoder's business: it picks them when the data holds binary
        if (type == PacketType.BINARY_EVENT) {
            type = PacketType.EVENT;
        } else if (type == PacketType.BINARY_ACK) {
            type = PacketType.ACK;
        }
        JsonNode nspNode = p.get("nsp");
        String nsp = nspNode == null || nspNode.isNull() ? "/" : nspNode.asText();
        JsonNode id = p.get("id");
        long ackId = id != null && id.isIntegralNumber() ? id.asLong() : SocketIoPacket.NO_ACK;
        JsonNode data = p.get("data");
        return new SocketIoPacket(type, nsp, ackId, data);
    }

    /** Broadcast options {@code {rooms, except, flags}} as Tether's. */
    static BroadcastOptions options(JsonNode opts) {
        JsonNode flags = opts == null ? RedisProtocol.NODES.objectNode() : opts.path("flags");
        return new BroadcastOptions(strings(opts == null ? null : opts.get("rooms")),
                strings(opts == null ? null : opts.get("except")),
                flags.path("volatile").asBoolean(false), flags.path("compress").asBoolean(true),
                flags.path("local").asBoolean(false));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (JsonNode room : array) {
                out.add(room.asText());
            }
        }
        return out;
    }
}
