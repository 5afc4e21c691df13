package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.socketio.RemoteSocket;
import java.util.List;
import java.util.Objects;

/**
 * A node's answer to another node's request, meant for the node that asked only. The fields a type does not use
 * are null, empty or 0.
 *
 * @param type what it answers
 * @param requestId the request it answers
 * @param sockets the sockets of a {@link Type#FETCH_SOCKETS_RESPONSE}
 * @param clientCount how many sockets a {@link Type#BROADCAST_CLIENT_COUNT} reached on the answering node
 * @param value a client's acknowledgement ({@link Type#BROADCAST_ACK}, its first argument) or a handler's answer
 *     ({@link Type#SERVER_SIDE_EMIT_RESPONSE}); null for none
 */
public record ClusterResponse(Type type, String requestId, List<RemoteSocket> sockets, int clientCount,
        JsonNode value) {

    /** The kinds of answer. */
    public enum Type {
        /** The answering node's sockets, for a {@code FETCH_SOCKETS}. */
        FETCH_SOCKETS_RESPONSE,
        /** One answer of a server-side handler, for a {@code SERVER_SIDE_EMIT} with a request id. */
        SERVER_SIDE_EMIT_RESPONSE,
        /** How many sockets a {@code BROADCAST} with a request id reached on the answering node. */
        BROADCAST_CLIENT_COUNT,
        /** One socket's acknowledgement of a {@code BROADCAST} with a request id. */
        BROADCAST_ACK
    }

    public ClusterResponse {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(requestId, "requestId");
        sockets = sockets == null ? List.of() : List.copyOf(sockets);
    }

    /** The answering node's sockets. */
    public static ClusterResponse fetchedSockets(String requestId, List<RemoteSocket> sockets) {
        return new ClusterResponse(Type.FETCH_SOCKETS_RESPONSE, requestId, sockets, 0, null);
    }

    /** A server-side handler's answer. */
    public static ClusterResponse serverSideEmitAnswer(String requestId, JsonNode value) {
        return new ClusterResponse(Type.SERVER_SIDE_EMIT_RESPONSE, requestId, List.of(), 0, value);
    }

    /** How many local sockets a broadcast with acknowledgements reached. */
    public static ClusterResponse clientCount(String requestId, int clientCount) {
        return new ClusterResponse(Type.BROADCAST_CLIENT_COUNT, requestId, List.of(), clientCount, null);
    }

    /** One socket's acknowledgement of a broadcast. */
    public static ClusterResponse broadcastAck(String requestId, JsonNode value) {
        return new ClusterResponse(Type.BROADCAST_ACK, requestId, List.of(), 0, value);
    }
}
