package io.tether.socketio;

import java.util.Map;
import java.util.Set;

/**
 * A socket found by {@code fetchSockets()}, possibly on another node of a cluster: its id, handshake, rooms
 * and data at the time of the call, and the operations that reach it wherever it is.
 */
public final class RemoteSocket {
    private final Namespace namespace;
    private final String id;
    private final Handshake handshake;
    private final Set<String> rooms;
    private final Map<String, Object> data;

    RemoteSocket(Namespace namespace, String id, Handshake handshake, Set<String> rooms,
            Map<String, Object> data) {
        this.namespace = namespace;
        this.id = id;
        this.handshake = handshake;
        this.rooms = Set.copyOf(rooms);
        this.data = Map.copyOf(data);
    }

    public String id() {
        return id;
    }

    public Handshake handshake() {
        return handshake;
    }

    public Set<String> rooms() {
        return rooms;
    }

    public Map<String, Object> data() {
        return data;
    }

    /** Sends an event to this socket. */
    public void emit(String event, Object... args) {
        namespace.to(id).emit(event, args);
    }

    /** Makes this socket join rooms. */
    public void join(String... rooms) {
        namespace.in(id).socketsJoin(rooms);
    }

    /** Makes this socket leave a room. */
    public void leave(String room) {
        namespace.in(id).socketsLeave(room);
    }

    /** Disconnects this socket; with {@code close}, its connection too. */
    public void disconnect(boolean close) {
        namespace.in(id).disconnectSockets(close);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + ", rooms=" + rooms + "]";
    }
}
