package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One decoded Socket.IO packet. Binary attachments are already in place in {@code data}, as Jackson
 * {@link com.fasterxml.jackson.databind.node.BinaryNode}s; the encoder turns them back into placeholders.
 *
 * @param type the packet type; EVENT and ACK are used whether or not the data holds binary
 * @param namespace the namespace, {@code "/"} for the main one
 * @param ackId the acknowledgement id, or -1 when none
 * @param data the payload, or null
 */
public record SocketIoPacket(PacketType type, String namespace, long ackId, JsonNode data) {
    public static final long NO_ACK = -1;

    public SocketIoPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
    }

    public boolean hasAck() {
        return ackId >= 0;
    }
}
