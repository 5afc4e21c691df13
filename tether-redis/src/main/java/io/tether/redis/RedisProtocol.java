package io.tether.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.jackson.dataformat.MessagePackExtensionType;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The wire format of {@code @socket.io/redis-adapter} 8.x and {@code @socket.io/redis-emitter} 5.x, shared by
 * {@link RedisEmitter} and the adapter: channel names, request types and the msgpack / JSON encodings.
 *
 * <p>Channels (key prefix {@value #DEFAULT_KEY} by default, {@code nsp} always starts with {@code /}):
 * <ul>
 *   <li>broadcast: {@code <key>#<nsp>#}, or {@code <key>#<nsp>#<room>#} when the broadcast targets exactly one
 *       room (whatever its {@code except}); nodes {@code PSUBSCRIBE <key>#<nsp>#*};</li>
 *   <li>requests: {@code <key>-request#<nsp>#}; responses: {@code <key>-response#<nsp>#} or, per requesting
 *       node, {@code <key>-response#<nsp>#<uid>#}.</li>
 * </ul>
 *
 * <p>A broadcast message is the msgpack (as notepack.io writes it) of {@code [uid, packet, opts]} with
 * {@code packet = {type, data: [event, ...args], nsp}} and {@code opts = {rooms: [...], flags: {...},
 * except: [...]}}. The packet type is {@link #EVENT} even when the arguments hold binary: the receiving
 * socket.io encoder switches to BINARY_EVENT itself (a Node node sent type 5 with no {@code attachments} would
 * write a broken {@code 5undefined-} packet). Binary travels as msgpack {@code bin}.
 *
 * <p>A request is JSON ({@code {"type": 2, ...}}) unless it holds binary, then msgpack; a receiver tells them
 * apart by the first byte ({@code '{'} is JSON, see {@link #decodeRequest}).
 */
final class RedisProtocol {
    /** The default key prefix. */
    static final String DEFAULT_KEY = "socket.io";
    /** The uid of messages published by an emitter (no adapter has it: adapters use 6 random characters). */
    static final String EMITTER_UID = "emitter";

    /** Socket.IO packet types carried in broadcasts. */
    static final int EVENT = 2;
    static final int BINARY_EVENT = 5;

    /** Request types ({@code RequestType} of the Node adapter). */
    static final class RequestType {
        static final int SOCKETS = 0;
        static final int ALL_ROOMS = 1;
        static final int REMOTE_JOIN = 2;
        static final int REMOTE_LEAVE = 3;
        static final int REMOTE_DISCONNECT = 4;
        static final int REMOTE_FETCH = 5;
        static final int SERVER_SIDE_EMIT = 6;
        static final int BROADCAST = 7;
        static final int BROADCAST_CLIENT_COUNT = 8;
        static final int BROADCAST_ACK = 9;

        private RequestType() {}
    }

    /** Msgpack over Jackson trees (maps, arrays, strings, numbers, booleans, null, {@code byte[]} as bin). */
    static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());
    /** JSON, for requests and responses. */
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RedisProtocol() {}

    /** {@code "chat"} becomes {@code "/chat"}, as the Node emitter's {@code of()} does. */
    static String namespace(String nsp) {
        if (nsp == null || nsp.isEmpty()) {
            return "/";
        }
        return nsp.charAt(0) == '/' ? nsp : "/" + nsp;
    }

    /** {@code <key>#<nsp>#}: where broadcasts to no room or several rooms go; nodes psubscribe it plus {@code *}. */
    static String broadcastChannel(String key, String nsp) {
        return key + "#" + nsp + "#";
    }

    /** {@code <key>#<nsp>#<room>#}: where a broadcast to exactly this one room goes. */
    static String roomChannel(String key, String nsp, String room) {
        return broadcastChannel(key, nsp) + room + "#";
    }

    /** The channel a broadcast to these rooms is published on: the room channel when there is exactly one. */
    static String broadcastChannel(String key, String nsp, Collection<String> rooms) {
        if (rooms.size() == 1) {
            return roomChannel(key, nsp, rooms.iterator().next());
        }
        return broadcastChannel(key, nsp);
    }

    /**
     * The room of a broadcast channel ({@code ""} for the plain broadcast channel), or {@code null} when the
     * channel is not one of this namespace's broadcast channels.
     */
    static String roomOfChannel(String key, String nsp, String channel) {
        String prefix = broadcastChannel(key, nsp);
        if (!channel.startsWith(prefix) || channel.length() < prefix.length()) {
            return null;
        }
        if (channel.length() == prefix.length()) {
            return "";
        }
        if (!channel.endsWith("#")) {
            return null;
        }
        return channel.substring(prefix.length(), channel.length() - 1);
    }

    /** {@code <key>-request#<nsp>#}. */
    static String requestChannel(String key, String nsp) {
        return key + "-request#" + nsp + "#";
    }

    /** {@code <key>-response#<nsp>#}. */
    static String responseChannel(String key, String nsp) {
        return key + "-response#" + nsp + "#";
    }

    /** {@code <key>-response#<nsp>#<uid>#}: responses meant for one node only. */
    static String responseChannel(String key, String nsp, String uid) {
        return responseChannel(key, nsp) + uid + "#";
    }

    /** The {@code packet} of a broadcast: {@code {type, data: [event, ...args], nsp}}. */
    static ObjectNode eventPacket(String nsp, ArrayNode data) {
        ObjectNode packet = NODES.objectNode();
        packet.put("type", EVENT);
        packet.set("data", data);
        packet.put("nsp", nsp);
        return packet;
    }

    /** The {@code opts} of a broadcast: {@code {rooms, flags, except}} (the emitter's field order). */
    static ObjectNode broadcastOptions(Collection<String> rooms, Collection<String> except, ObjectNode flags) {
        ObjectNode opts = NODES.objectNode();
        opts.set("rooms", strings(rooms));
        opts.set("flags", flags == null ? NODES.objectNode() : flags);
        opts.set("except", strings(except));
        return opts;
    }

    /** The {@code opts} of a REMOTE_JOIN / REMOTE_LEAVE / REMOTE_DISCONNECT request: {@code {rooms, except}}. */
    static ObjectNode targetOptions(Collection<String> rooms, Collection<String> except) {
        ObjectNode opts = NODES.objectNode();
        opts.set("rooms", strings(rooms));
        opts.set("except", strings(except));
        return opts;
    }

    /** The broadcast message {@code [uid, packet, opts]}, msgpack-encoded. */
    static byte[] broadcastMessage(String uid, ObjectNode packet, ObjectNode opts) {
        ArrayNode message = NODES.arrayNode(3);
        message.add(uid);
        message.add(packet);
        message.add(opts);
        return msgpack(message);
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    /** A Java value as a tree: {@code byte[]} (also nested in maps, lists, beans) becomes binary. */
    static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.binaryNode(bytes);
        }
        return JSON.valueToTree(value);
    }

    static boolean containsBinary(JsonNode node) {
        if (node.isBinary()) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (containsBinary(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Msgpack of a tree, byte for byte as notepack.io writes the same JS value: integers in the smallest int
     * format (also a {@code double} such as {@code 2.0}, which is the number 2 in JS), other numbers as float64,
     * binary as bin, strings as str.
     */
    static byte[] msgpack(JsonNode node) {
        try {
            return MSGPACK.writeValueAsBytes(asJsNumbers(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as msgpack: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A msgpack message as a tree: bin becomes {@link BinaryNode}; notepack's timestamp extension (a JS
     * {@code Date}) becomes its ISO-8601 text, as {@code JSON.stringify} would send it; other extensions become
     * binary nodes of their data.
     */
    static JsonNode unpack(byte[] bytes) throws IOException {
        return normalize(MSGPACK.readTree(bytes));
    }

    /** JSON of a request without binary. */
    static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A request as the adapter publishes it: JSON, or msgpack when it holds binary. */
    static byte[] encodeRequest(JsonNode request) {
        return containsBinary(request) ? msgpack(request) : json(request);
    }

    /** A request or response: JSON when it starts with {@code '{'}, else msgpack (as the Node adapter does). */
    static JsonNode decodeRequest(byte[] bytes) throws IOException {
        if (bytes.length > 0 && bytes[0] == '{') {
            return JSON.readTree(bytes);
        }
        return unpack(bytes);
    }

    /** JS has one number type: integral floats become ints and floats become doubles, as notepack sees them. */
    private static JsonNode asJsNumbers(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
                return NODES.numberNode((long) value);
            }
            return node.isDouble() ? node : NODES.numberNode(value);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode converted = asJsNumbers(field.getValue());
                if (converted != field.getValue() && copy == null) {
                    copy = object.deepCopy();
                }
                if (copy != null) {
                    copy.set(field.getKey(), converted);
                }
            }
            return copy == null ? object : copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode converted = asJsNumbers(array.get(i));
                if (converted != array.get(i) && copy == null) {
                    copy = array.deepCopy();
                }
                if (copy != null) {
                    copy.set(i, converted);
                }
            }
            return copy == null ? array : copy;
        }
        return node;
    }

    private static JsonNode normalize(JsonNode node) {
        if (node instanceof POJONode pojo) {
            return extension(pojo.getPojo());
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode normalized = normalize(field.getValue());
                if (normalized != field.getValue()) {
                    field.setValue(normalized);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode normalized = normalize(array.get(i));
                if (normalized != array.get(i)) {
                    array.set(i, normalized);
                }
            }
        }
        return node;
    }

    private static JsonNode extension(Object pojo) {
        if (pojo instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        if (pojo instanceof MessagePackExtensionType ext) {
            byte[] data = ext.getData();
            if (ext.getType() == -1) {
                Instant instant = timestamp(data);
                if (instant != null) {
                    return NODES.textNode(instant.toString());
                }
            }
            return NODES.binaryNode(data);
        }
        return NODES.pojoNode(pojo);
    }

    /** The msgpack timestamp extension (32, 64 or 96 bits). */
    private static Instant timestamp(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        switch (data.length) {
            case 4:
                return Instant.ofEpochSecond(buffer.getInt() & 0xffffffffL);
            case 8: {
                long value = buffer.getLong();
                long nanos = value >>> 34;
                long seconds = value & 0x3ffffffffL;
                return Instant.ofEpochSecond(seconds, nanos);
            }
            case 12: {
                long nanos = buffer.getInt() & 0xffffffffL;
                long seconds = buffer.getLong();
                return Instant.ofEpochSecond(seconds, nanos);
            }
            default:
                return null;
        }
    }
}
