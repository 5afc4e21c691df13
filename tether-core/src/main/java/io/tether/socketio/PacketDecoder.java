package io.tether.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.EnginePacket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Socket.IO packets of one connection. Stateful: a binary packet is complete only when its
 * attachments, which arrive as the following binary Engine.IO packets, are all there.
 */
final class PacketDecoder implements SocketIoParser.Decoder {
    private final ObjectReader reader;
    private final int maxAttachments;

    private SocketIoPacket pending;
    private int expectedAttachments;
    private final List<byte[]> buffers = new ArrayList<>();

    PacketDecoder(ObjectMapper mapper, int maxAttachments) {
        this(readerOf(mapper), maxAttachments);
    }

    /** @param reader from {@link #readerOf}, immutable and shared by every connection's decoder */
    PacketDecoder(ObjectReader reader, int maxAttachments) {
        this.reader = reader;
        this.maxAttachments = maxAttachments;
    }

    /** The JSON reader decoders use: strict about trailing tokens. */
    static ObjectReader readerOf(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public SocketIoPacket add(EnginePacket message) {
        if (message.isBinary()) {
            if (pending == null) {
                throw new SocketIoProtocolException("got binary data when not reconstructing a packet");
            }
            buffers.add(message.binary());
            if (buffers.size() < expectedAttachments) {
                return null;
            }
            try {
                return reconstruct(pending, buffers);
            } finally {
                reset();
            }
        }
        if (pending != null) {
            throw new SocketIoProtocolException("got plaintext data when reconstructing a packet");
        }
        String text = message.text();
        if (text == null || text.isEmpty()) {
            throw new SocketIoProtocolException("empty packet");
        }
        return decodeText(text);
    }

    private SocketIoPacket decodeText(String str) {
        PacketType type = PacketType.fromCode(str.charAt(0));
        if (type == null) {
            throw new SocketIoProtocolException("unknown packet type '" + str.charAt(0) + "'");
        }
        int i = 1;
        int attachments = 0;
        if (type.isBinary()) {
            int dash = str.indexOf('-', i);
            if (dash < 0 || dash == i || dash - i > 6 || !allDigits(str, i, dash)) {
                throw new SocketIoProtocolException("illegal attachments");
            }
            attachments = Integer.parseInt(str.substring(i, dash));
            if (attachments > maxAttachments) {
                throw new SocketIoProtocolException("too many attachments: " + attachments + " > " + maxAttachments);
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < str.length() && str.charAt(i) == '/') {
            int comma = str.indexOf(',', i);
            int end = comma < 0 ? str.length() : comma;
            namespace = str.substring(i, end);
            i = comma < 0 ? end : comma + 1;
        }
        long ackId = SocketIoPacket.NO_ACK;
        int idStart = i;
        while (i < str.length() && str.charAt(i) >= '0' && str.charAt(i) <= '9') {
            i++;
        }
        if (i > idStart) {
            if (i - idStart > 15) {
                throw new SocketIoProtocolException("invalid ack id");
            }
            ackId = Long.parseLong(str.substring(idStart, i));
        }
        JsonNode data = null;
        if (i < str.length()) {
            try {
                data = reader.readTree(str.substring(i));
            } catch (JsonProcessingException e) {
                throw new SocketIoProtocolException("invalid payload: " + e.getOriginalMessage(), e);
            }
        }
        checkPayload(type, data);
        SocketIoPacket packet = new SocketIoPacket(type, namespace, ackId, data);
        if (type.isBinary() && attachments > 0) {
            pending = packet;
            expectedAttachments = attachments;
            return null;
        }
        return packet;
    }

    private static void checkPayload(PacketType type, JsonNode data) {
        boolean valid = switch (type) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> data != null && (data.isTextual() || data.isObject());
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && (data.get(0).isNumber()
                            || (data.get(0).isTextual() && !EventPackets.isReserved(data.get(0).asText())));
            case ACK, BINARY_ACK -> data != null && data.isArray();
        };
        if (!valid) {
            throw new SocketIoProtocolException("invalid payload for a " + type + " packet");
        }
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static SocketIoPacket reconstruct(SocketIoPacket packet, List<byte[]> buffers) {
        JsonNode data = replacePlaceholders(packet.data(), buffers);
        PacketType type = packet.type() == PacketType.BINARY_ACK ? PacketType.ACK : PacketType.EVENT;
        return new SocketIoPacket(type, packet.namespace(), packet.ackId(), data);
    }

    private static JsonNode replacePlaceholders(JsonNode node, List<byte[]> buffers) {
        if (node instanceof ObjectNode object) {
            JsonNode flag = object.get("_placeholder");
            if (flag != null && flag.isBoolean() && flag.booleanValue()) {
                JsonNode num = object.get("num");
                if (num == null || !num.isInt() || num.intValue() < 0 || num.intValue() >= buffers.size()) {
                    throw new SocketIoProtocolException("illegal attachments");
                }
                return BinaryNode.valueOf(buffers.get(num.intValue()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(replacePlaceholders(e.getValue(), buffers));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int k = 0; k < array.size(); k++) {
                array.set(k, replacePlaceholders(array.get(k), buffers));
            }
        }
        return node;
    }

    private void reset() {
        pending = null;
        expectedAttachments = 0;
        buffers.clear();
    }
}
