package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.socketio.Ack;
import io.tether.socketio.AckCallback;
import io.tether.socketio.ConnectionStateRecovery;
import io.tether.socketio.EncodedPacket;
import io.tether.socketio.Handshake;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a namespace offers its adapter: everything an adapter needs to reach this node's sockets, by id. An
 * adapter keeps the rooms itself and tells the namespace of their changes. Methods may be called from any thread.
 */
public interface AdapterContext {
    /** The namespace's name, starting with {@code /}. */
    String namespace();

    /** The server's ObjectMapper, for event arguments. */
    ObjectMapper mapper();

    /** The server's connection state recovery settings, if it recovers sockets. */
    Optional<ConnectionStateRecovery> connectionStateRecovery();

    /** Encodes a packet once, for delivery to any number of local sockets. */
    EncodedPacket encode(SocketIoPacket packet);

    /** Sends an encoded packet to a local socket; false when no such socket is connected here. */
    boolean deliver(String socketId, EncodedPacket packet, boolean isVolatile);

    /** Waits for a local socket's acknowledgement of the packet with this ack id. */
    void expectAck(String socketId, long ackId, AckCallback callback);

    /** A fresh acknowledgement id of this namespace, for a packet delivered with acknowledgements. */
    long nextAckId();

    /** The ids of this node's connected sockets of the namespace (a live view). */
    Set<String> socketIds();

    /** A local socket as {@code fetchSockets()} describes it, or empty when it is not here. */
    Optional<RemoteSocket> describe(String socketId);

    /** A socket of another node, as that node described it for {@code fetchSockets()}. */
    RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data);

    /** Makes a local socket join rooms (through the adapter's {@code addAll}). */
    void join(String socketId, Set<String> rooms);

    /** Makes a local socket leave rooms (through the adapter's {@code del}). */
    void leave(String socketId, Set<String> rooms);

    /** Disconnects a local socket; with {@code close}, its connection too. */
    void disconnect(String socketId, boolean close);

    /** Tells the namespace's listeners that a room got its first member. */
    void roomCreated(String room);

    /** Tells the namespace's listeners that a room lost its last member. */
    void roomDeleted(String room);

    /** Tells the namespace's listeners and hooks that a socket joined a room. */
    void roomJoined(String room, String socketId);

    /** Tells the namespace's listeners and hooks that a socket left a room. */
    void roomLeft(String room, String socketId);

    /** Hands another node's {@code serverSideEmit}, as {@code [event, args...]}, to the namespace's handlers. */
    void serverSideEmit(List<JsonNode> eventAndArgs, Ack ack);
}
