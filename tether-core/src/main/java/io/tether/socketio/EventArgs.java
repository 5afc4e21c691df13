package io.tether.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * The arguments of an event or an acknowledgement, as JSON trees; binary arguments are
 * {@link com.fasterxml.jackson.databind.node.BinaryNode}s.
 *
 * <pre>{@code
 * socket.on("move", (args, ack) -> {
 *     int x = args.get(0).get("x").asInt();
 *     Point p = args.get(0, Point.class);      // bound with the server's ObjectMapper
 *     byte[] image = args.bytes(1);
 * });
 * }</pre>
 */
public final class EventArgs {
    private final List<JsonNode> values;
    private final ObjectMapper mapper;

    EventArgs(List<JsonNode> values, ObjectMapper mapper) {
        this.values = List.copyOf(values);
        this.mapper = mapper;
    }

    /** Arguments as an adapter received them (from another node), bound with this mapper. */
    public static EventArgs of(List<JsonNode> values, ObjectMapper mapper) {
        return new EventArgs(values, mapper);
    }

    /** How many arguments there are. */
    public int size() {
        return values.size();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The argument at an index, as a JSON tree. */
    public JsonNode get(int index) {
        return values.get(index);
    }

    /** The argument at an index, bound to a type with the server's {@code ObjectMapper}. */
    public <T> T get(int index, Class<T> type) {
        try {
            return mapper.treeToValue(values.get(index), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("argument " + index + " is not a " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The argument at an index as text (JSON text for objects and arrays). */
    public String text(int index) {
        JsonNode node = values.get(index);
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** The binary argument at an index. */
    public byte[] bytes(int index) {
        JsonNode node = values.get(index);
        if (!node.isBinary()) {
            throw new IllegalArgumentException("argument " + index + " is not binary");
        }
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All arguments, as JSON trees. */
    public List<JsonNode> values() {
        return values;
    }

    /** All arguments as an array, ready to be emitted again unchanged. */
    public Object[] toArray() {
        return values.toArray();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
