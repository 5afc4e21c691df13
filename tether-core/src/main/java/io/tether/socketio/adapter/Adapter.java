package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps a namespace's rooms and delivers its broadcasts, reaching the namespace only through its
 * {@link AdapterContext}. {@link InMemoryAdapter} serves one node; {@link ClusterAdapter} extends it to reach the
 * sockets of other nodes too. Methods are called from any thread.
 */
public interface Adapter {
    /** Adds a socket to rooms. */
    void addAll(String socketId, Set<String> rooms);

    /** Removes a socket from a room. */
    void del(String socketId, String room);

    /** Removes a socket from all its rooms. */
    void delAll(String socketId);

    /** Sends a packet to the sockets the options select, encoded once. */
    void broadcast(SocketIoPacket packet, BroadcastOptions options);

    /**
     * Sends a packet that asks for acknowledgements: {@code clientCount} is told how many sockets it went to
     * (possibly several times, once per node), {@code onAck} receives each socket's answer.
     */
    void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck);

    /**
     * As {@link #broadcastWithAck(SocketIoPacket, BroadcastOptions, IntConsumer, Consumer)}, for a cluster:
     * {@code countsKnown} runs once every node has reported its client count through {@code clientCount} (the
     * operator completes when that many answers came). The default serves one node: it runs right after the
     * local broadcast. {@code timeoutMillis} (0 for none) is how long answers may still come.
     */
    default void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck, Runnable countsKnown, long timeoutMillis) {
        broadcastWithAck(packet, options, clientCount, onAck);
        countsKnown.run();
    }

    /** The ids of the sockets in any of these rooms (all sockets when empty). */
    Set<String> sockets(Set<String> rooms);

    /** The rooms a socket is in. */
    Set<String> socketRooms(String socketId);

    /** Every room that has at least one socket. */
    Set<String> rooms();

    /** The sockets the options select, with their handshake, rooms and data. */
    CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

    /** Makes the selected sockets join rooms. */
    void addSockets(BroadcastOptions options, Set<String> rooms);

    /** Makes the selected sockets leave rooms. */
    void delSockets(BroadcastOptions options, Set<String> rooms);

    /** Disconnects the selected sockets; with {@code close}, their connections too. */
    void disconnectSockets(BroadcastOptions options, boolean close);

    /**
     * Sends {@code [event, args...]} to the other nodes of the cluster, whose namespaces hand it to their
     * {@code Namespace.onServerSideEmit} handlers. The default has no other nodes: nothing is sent.
     */
    default void serverSideEmit(ArrayNode eventAndArgs) { }

    /**
     * As {@link #serverSideEmit}, collecting each other node's answer (one per node); fails with an
     * {@link AckException} after the adapter's timeout. The default has no other nodes: no answers.
     */
    default CompletableFuture<List<EventArgs>> serverSideEmitWithAck(ArrayNode eventAndArgs) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** Keeps a disconnected socket's state for connection state recovery. */
    default void persistSession(SessionState session) { }

    /** The state of a socket that disconnected, with the broadcasts it missed since {@code offset}, or null. */
    default RecoveredSession restoreSession(String pid, String offset) {
        return null;
    }

    /** Releases the adapter's resources. */
    default void close() { }
}
