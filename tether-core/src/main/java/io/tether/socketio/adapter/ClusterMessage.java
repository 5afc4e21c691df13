package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.socketio.SocketIoPacket;
import java.util.Objects;
import java.util.Set;

/**
 * A message one node of a cluster sends to the others: a broadcast or a request. A {@link ClusterAdapter}
 * subclass carries it in whatever format its transport uses; the fields a type does not use are null, empty or 0.
 *
 * @param type what the message asks for
 * @param uid the id of the node that sent it
 * @param namespace the namespace it concerns
 * @param requestId the id answers refer to; null when no answer is expected
 * @param packet the packet of a {@link Type#BROADCAST}
 * @param options the sockets it selects (all types but {@link Type#SERVER_SIDE_EMIT})
 * @param rooms the rooms of a {@link Type#SOCKETS_JOIN} or {@link Type#SOCKETS_LEAVE}
 * @param close whether a {@link Type#DISCONNECT_SOCKETS} closes the connections too
 * @param eventAndArgs the {@code [event, args...]} of a {@link Type#SERVER_SIDE_EMIT}
 * @param ackTimeoutMillis how long a {@link Type#BROADCAST} with a request id waits for acknowledgements (0: none)
 */
public record ClusterMessage(Type type, String uid, String namespace, String requestId, SocketIoPacket packet,
        BroadcastOptions options, Set<String> rooms, boolean close, ArrayNode eventAndArgs, long ackTimeoutMillis) {

    /** The kinds of message. */
    public enum Type {
        /** Deliver a packet to the selected sockets (with acknowledgements when it has a request id). */
        BROADCAST,
        /** Make the selected sockets join rooms. */
        SOCKETS_JOIN,
        /** Make the selected sockets leave rooms. */
        SOCKETS_LEAVE,
        /** Disconnect the selected sockets. */
        DISCONNECT_SOCKETS,
        /** Describe the selected sockets. */
        FETCH_SOCKETS,
        /** Hand an event to the namespace's server-side handlers (answered when it has a request id). */
        SERVER_SIDE_EMIT
    }

    public ClusterMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(namespace, "namespace");
        rooms = rooms == null ? Set.of() : Set.copyOf(rooms);
    }

    /** A broadcast without acknowledgements. */
    public static ClusterMessage broadcast(String uid, String namespace, SocketIoPacket packet,
            BroadcastOptions options) {
        return new ClusterMessage(Type.BROADCAST, uid, namespace, null, packet, options, Set.of(), false, null, 0);
    }

    /** A broadcast whose recipients' client counts and acknowledgements are answered to {@code requestId}. */
    public static ClusterMessage broadcastWithAck(String uid, String namespace, String requestId,
            SocketIoPacket packet, BroadcastOptions options, long ackTimeoutMillis) {
        return new ClusterMessage(Type.BROADCAST, uid, namespace, Objects.requireNonNull(requestId), packet, options,
                Set.of(), false, null, ackTimeoutMillis);
    }

    /** Makes the selected sockets join ({@link Type#SOCKETS_JOIN}) or leave ({@link Type#SOCKETS_LEAVE}) rooms. */
    public static ClusterMessage rooms(Type type, String uid, String namespace, BroadcastOptions options,
            Set<String> rooms) {
        if (type != Type.SOCKETS_JOIN && type != Type.SOCKETS_LEAVE) {
            throw new IllegalArgumentException("not a room request: " + type);
        }
        return new ClusterMessage(type, uid, namespace, null, null, options, rooms, false, null, 0);
    }

    /** Disconnects the selected sockets. */
    public static ClusterMessage disconnectSockets(String uid, String namespace, BroadcastOptions options,
            boolean close) {
        return new ClusterMessage(Type.DISCONNECT_SOCKETS, uid, namespace, null, null, options, Set.of(), close, null,
                0);
    }

    /** Asks for the selected sockets. */
    public static ClusterMessage fetchSockets(String uid, String namespace, String requestId,
            BroadcastOptions options) {
        return new ClusterMessage(Type.FETCH_SOCKETS, uid, namespace, Objects.requireNonNull(requestId), null,
                options, Set.of(), false, null, 0);
    }

    /** A server-side emit; answered when {@code requestId} is not null. */
    public static ClusterMessage serverSideEmit(String uid, String namespace, String requestId,
            ArrayNode eventAndArgs) {
        return new ClusterMessage(Type.SERVER_SIDE_EMIT, uid, namespace, requestId, null, null, Set.of(), false,
                Objects.requireNonNull(eventAndArgs), 0);
    }

    /** Whether the sender waits for answers. */
    public boolean expectsAnswers() {
        return requestId != null;
    }
}
