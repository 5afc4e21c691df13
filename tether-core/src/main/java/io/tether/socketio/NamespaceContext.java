package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.socketio.adapter.AdapterContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A namespace as its adapter sees it: sockets by id, the encoder, room events. */
final class NamespaceContext implements AdapterContext {
    private final Namespace namespace;

    NamespaceContext(Namespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public String namespace() {
        return namespace.name();
    }

    @Override
    public ObjectMapper mapper() {
        return namespace.server().mapper();
    }

    @Override
    public Optional<ConnectionStateRecovery> connectionStateRecovery() {
        ConnectionStateRecovery recovery = namespace.server().options().connectionStateRecovery();
        return recovery.enabled() ? Optional.of(recovery) : Optional.empty();
    }

    @Override
    public EncodedPacket encode(SocketIoPacket packet) {
        return new EncodedPacket(packet, namespace.server().parser().encode(packet));
    }

    @Override
    public boolean deliver(String socketId, EncodedPacket packet, boolean isVolatile) {
        Socket socket = namespace.socketMap().get(socketId);
        if (socket == null) {
            return false;
        }
        socket.deliver(packet.packet(), packet.enginePackets(), isVolatile);
        return true;
    }

    @Override
    public void expectAck(String socketId, long ackId, AckCallback callback) {
        Socket socket = namespace.socketMap().get(socketId);
        if (socket != null) {
            socket.expectAck(ackId, callback);
        }
    }

    @Override
    public long nextAckId() {
        return namespace.nextAckId();
    }

    @Override
    public Set<String> socketIds() {
        return namespace.socketMap().keySet();
    }

    @Override
    public Optional<RemoteSocket> describe(String socketId) {
        return Optional.ofNullable(namespace.socketMap().get(socketId)).map(Socket::toRemote);
    }

    @Override
    public RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
        return new RemoteSocket(namespace, id, handshake, rooms, data);
    }

    @Override
    public void join(String socketId, Set<String> rooms) {
        Socket socket = namespace.socketMap().get(socketId);
        if (socket != null) {
            socket.join(rooms.toArray(String[]::new));
        }
    }

    @Override
    public void leave(String socketId, Set<String> rooms) {
        Socket socket = namespace.socketMap().get(socketId);
        if (socket != null) {
            for (String room : rooms) {
                socket.leave(room);
            }
        }
    }

    @Override
    public void disconnect(String socketId, boolean close) {
        Socket socket = namespace.socketMap().get(socketId);
        if (socket != null) {
            socket.disconnect(close);
        }
    }

    @Override
    public void roomCreated(String room) {
        namespace.roomEvents().created(room);
    }

    @Override
    public void roomDeleted(String room) {
        namespace.roomEvents().deleted(room);
    }

    @Override
    public void roomJoined(String room, String socketId) {
        namespace.roomEvents().joined(room, socketId);
    }

    @Override
    public void roomLeft(String room, String socketId) {
        namespace.roomEvents().left(room, socketId);
    }

    @Override
    public void serverSideEmit(List<JsonNode> eventAndArgs, Ack ack) {
        namespace.receiveServerSideEmit(eventAndArgs, ack);
    }

    @Override
    public String toString() {
        return "AdapterContext[" + namespace.name() + "]";
    }
}
