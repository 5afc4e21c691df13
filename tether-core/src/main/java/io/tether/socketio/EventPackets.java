package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The data of event packets, {@code [event, args...]}, built in one place for sockets, broadcasts,
 * server-side emits and emitters; and the event names the protocol keeps for itself.
 *
 * <pre>{@code
 * ArrayNode data = EventPackets.eventData("news", new Object[] {item}, mapper::valueToTree);
 * }</pre>
 */
public final class EventPackets {
    /** Event names Socket.IO reserves: a client may not send them, a server may not emit or handle them. */
    public static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private EventPackets() {}

    /** Whether the protocol keeps this event name for itself. */
    public static boolean isReserved(String event) {
        return RESERVED_EVENTS.contains(event);
    }

    /**
     * Returns the event name if an application may emit it.
     *
     * @throws IllegalArgumentException if it is reserved
     */
    public static String requireEmittable(String event) {
        Objects.requireNonNull(event, "event");
        if (isReserved(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        return event;
    }

    /**
     * {@code [event, args...]}, each argument converted to a tree by {@code toNode}.
     *
     * @throws IllegalArgumentException if an argument is an acknowledgement callback, which is not data
     */
    public static ArrayNode eventData(String event, Object[] args, Function<Object, JsonNode> toNode) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
        data.add(event);
        return addAll(data, args, toNode);
    }

    /**
     * {@code [args...]}: the data of an acknowledgement.
     *
     * @throws IllegalArgumentException if an argument is an acknowledgement callback, which is not data
     */
    public static ArrayNode ackData(Object[] args, Function<Object, JsonNode> toNode) {
        return addAll(JsonNodeFactory.instance.arrayNode(args.length), args, toNode);
    }

    private static ArrayNode addAll(ArrayNode data, Object[] args, Function<Object, JsonNode> toNode) {
        for (Object arg : args) {
            if (arg instanceof AckCallback) {
                throw new IllegalArgumentException("an AckCallback is not an argument: pass it to"
                        + " emit(event, callback, args...), or use emitWithAck(event, args...)");
            }
            if (arg instanceof BroadcastAckCallback) {
                throw new IllegalArgumentException("a BroadcastAckCallback is not an argument: pass it to"
                        + " emit(event, callback, args...) of a broadcast, or use emitWithAck(event, args...)");
            }
            data.add(toNode.apply(arg));
        }
        return data;
    }
}
