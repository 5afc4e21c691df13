package io.tether.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.EnginePacket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link SocketIoPacket} into Engine.IO packets: one text packet, followed by one binary packet per
 * attachment when the data holds binary ({@code 451-["ev",{"_placeholder":true,"num":0}]} then the bytes).
 */
final class PacketEncoder {
    private final ObjectMapper mapper;

    PacketEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<EnginePacket> encode(SocketIoPacket packet) {
        JsonNode data = packet.data();
        List<byte[]> attachments = new ArrayList<>(0);
        if (data != null && containsBinary(data)) {
            data = deconstruct(data, attachments);
        }
        PacketType type = packet.type();
        if (!attachments.isEmpty()) {
            type = type == PacketType.ACK ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
        }
        StringBuilder sb = new StringBuilder(64);
        sb.append(type.code());
        if (type.isBinary()) {
            sb.append(attachments.size()).append('-');
        }
        if (!"/".equals(packet.namespace())) {
            sb.append(packet.namespace()).append(',');
        }
        if (packet.hasAck()) {
            sb.append(packet.ackId());
        }
        if (data != null) {
            try {
                sb.append(mapper.writeValueAsString(data));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot serialize packet data", e);
            }
        }
        EnginePacket text = EnginePacket.message(sb.toString());
        if (attachments.isEmpty()) {
            return List.of(text);
        }
        List<EnginePacket> out = new ArrayList<>(attachments.size() + 1);
        out.add(text);
        for (byte[] attachment : attachments) {
            out.add(EnginePacket.binary(attachment));
        }
        return out;
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

    /** A copy of the tree with each binary value replaced by a placeholder, its bytes added to the list. */
    private static JsonNode deconstruct(JsonNode node, List<byte[]> attachments) {
        if (node instanceof BinaryNode binary) {
            ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
            placeholder.put("_placeholder", true);
            placeholder.put("num", attachments.size());
            attachments.add(binary.binaryValue());
            return placeholder;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode child : array) {
                copy.add(deconstruct(child, attachments));
            }
            return copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), deconstruct(e.getValue(), attachments));
            }
            return copy;
        }
        return node;
    }
}
