package io.tether.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.Handshake;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.adapter.AdapterContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A socket in a REMOTE_FETCH response, as the Node adapter writes it:
 * {@code {id, handshake: {headers, time, address, xdomain, secure, issued, url, query, auth}, rooms, data}}.
 */
final class RedisAdapterSockets {
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() { };

    private RedisAdapterSockets() { }

    static ObjectNode toJson(RemoteSocket socket, ObjectMapper mapper) {
        ObjectNode out = RedisProtocol.NODES.objectNode();
        out.put("id", socket.id());
        Handshake h = socket.handshake();
        ObjectNode handshake = out.putObject("handshake");
        if (h != null) {
            handshake.set("headers", mapper.valueToTree(h.headers()));
            handshake.put("time", h.issued() == null ? null : h.time());
            handshake.put("address", h.address());
            handshake.put("xdomain", h.xdomain());
            handshake.put("secure", h.secure());
            if (h.issued() != null) {
                handshake.put("issued", h.issued().toEpochMilli());
            }
            handshake.put("url", h.url());
            handshake.set("query", mapper.valueToTree(h.query()));
            handshake.set("auth", h.auth() == null ? RedisProtocol.NODES.objectNode() : h.auth());
        }
        out.set("rooms", RedisProtocol.strings(socket.rooms()));
        out.set("data", mapper.valueToTree(socket.data()));
        return out;
    }

    static RemoteSocket fromJson(AdapterContext context, JsonNode socket, ObjectMapper mapper) {
        String id = socket.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("a socket without id");
        }
        JsonNode h = socket.path("handshake");
        Map<String, String> headers = h.path("headers").isObject()
                ? mapper.convertValue(textValues(h.get("headers")), STRINGS) : Map.of();
        Map<String, String> query = h.path("query").isObject()
                ? mapper.convertValue(textValues(h.get("query")), STRINGS) : Map.of();
        Instant issued = h.path("issued").isNumber() ? Instant.ofEpochMilli(h.path("issued").asLong()) : null;
        Handshake handshake = new Handshake(headers, query,
                h.has("auth") ? h.get("auth") : RedisProtocol.NODES.objectNode(), h.path("address").asText(null),
                issued, h.path("url").asText(null), h.path("secure").asBoolean(false),
                h.path("xdomain").asBoolean(false));
        Set<String> rooms = new LinkedHashSet<>();
        for (JsonNode room : socket.path("rooms")) {
            rooms.add(room.asText());
        }
        Map<String, Object> data = socket.path("data").isObject()
                ? mapper.convertValue(socket.get("data"), OBJECTS) : new HashMap<>();
        data.values().removeIf(java.util.Objects::isNull);
        return context.remoteSocket(id, handshake, rooms, data);
    }

    /** Header values may be arrays in Node (set-cookie): joined with ", ". */
    private static ObjectNode textValues(JsonNode object) {
        ObjectNode out = RedisProtocol.NODES.objectNode();
        object.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode part : value) {
                    if (joined.length() > 0) {
                        joined.append(", ");
                    }
                    joined.append(part.asText());
                }
                out.put(field.getKey(), joined.toString());
            } else if (!value.isNull()) {
                out.put(field.getKey(), value.asText());
            }
        });
        return out;
    }
}
