package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.BroadcastOptions;
import io.tether.socketio.InMemoryAdapter;
import io.tether.socketio.Namespace;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoPacket;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster adapter over Redis pub/sub, wire-compatible with @socket.io/redis-adapter 8.x (classic mode):
 * broadcasts are published as MessagePack {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or
 * {@code <key>#<nsp>#<room>#} for exactly one room) and every other node delivers them to its
 * own sockets. Rooms stay local, as in the reference adapter.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
 *         .adapter(RedisAdapter.factory("redis://127.0.0.1:6379"))
 *         .build());
 * }</pre>
 */
public class RedisAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final RedisAdapterFactory factory;
    private final String uid = randomUid(10);
    private final String channel;
    private final String requestChannel;

    RedisAdapter(Namespace namespace, RedisAdapterFactory factory) {
        super(namespace);
        this.factory = factory;
        this.channel = RedisProtocol.broadcastChannel(factory.options().key(), namespace.name());
        this.requestChannel = RedisProtocol.requestChannel(factory.options().key(), namespace.name());
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}, with the default key {@code socket.io}. */
    public static RedisAdapterFactory factory(String redisUri) {
        return factory(RedisAdapterOptions.of(redisUri));
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}. */
    public static RedisAdapterFactory factory(RedisAdapterOptions options) {
        return new RedisAdapterFactory(options);
    }

    /** This node's id in the cluster; a node ignores its own messages. */
    public String uid() {
        return uid;
    }

    String pattern() {
        return channel + "*";
    }

    String requestChannel() {
        return requestChannel;
    }

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        if (!options.local()) {
            SocketIoPacket sent = new SocketIoPacket(packet.type(), namespace().name(), packet.ackId(), packet.data());
            // as the reference adapter: the room's own channel for exactly one room
            String target = RedisProtocol.broadcastChannel(factory.options().key(), namespace().name(),
                    options.rooms());
            factory.publish(target, RedisAdapterCodec.encode(uid, sent, options));
        }
        super.broadcast(packet, options);
    }

    /** A message on one of this namespace's channels, from any node. */
    void onMessage(String from, byte[] message) {
        String room = RedisProtocol.roomOfChannel(factory.options().key(), namespace().name(), from);
        if (room == null) {
            return;
        }
        if (!room.isEmpty() && sockets(Set.of(room)).isEmpty()) {
            return; // nobody here is in that room: no need to decode
        }
        RedisAdapterCodec.Broadcast broadcast;
        try {
            broadcast = RedisAdapterCodec.decode(message);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring a malformed message on {}: {}", from, e.getMessage());
            return;
        }
        if (uid.equals(broadcast.uid()) || !namespace().name().equals(broadcast.packet().namespace())) {
            return;
        }
        try {
            super.broadcast(broadcast.packet(), broadcast.options());
        } catch (RuntimeException e) {
            log.warn("cannot deliver a broadcast from node {} on {}: {}", broadcast.uid(), from, e.toString());
        }
    }

    // ---- requests that need no answer: REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT ----

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            ObjectNode request = request(RedisProtocol.RequestType.REMOTE_JOIN, options);
            request.set("rooms", RedisProtocol.strings(rooms));
            factory.publish(requestChannel, RedisProtocol.json(request));
        }
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            ObjectNode request = request(RedisProtocol.RequestType.REMOTE_LEAVE, options);
            request.set("rooms", RedisProtocol.strings(rooms));
            factory.publish(requestChannel, RedisProtocol.json(request));
        }
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            ObjectNode request = request(RedisProtocol.RequestType.REMOTE_DISCONNECT, options);
            request.put("close", close);
            factory.publish(requestChannel, RedisProtocol.json(request));
        }
        super.disconnectSockets(options, close);
    }

    private ObjectNode request(int type, BroadcastOptions options) {
        ObjectNode request = RedisProtocol.NODES.objectNode();
        request.put("uid", uid);
        request.put("type", type);
        request.set("opts", RedisProtocol.targetOptions(options.rooms(), options.except()));
        return request;
    }

    /**
     * A request from any node (or emitter). This node applied its own requests already; requests that
     * expect an answer (fetchSockets, allRooms, serverSideEmit, broadcast with acks) are not served yet.
     */
    void onRequest(byte[] message) {
        JsonNode request;
        try {
            request = RedisProtocol.decodeRequest(message);
        } catch (IOException | RuntimeException e) {
            log.debug("ignoring a malformed request on {}: {}", requestChannel, e.toString());
            return;
        }
        if (request == null || uid.equals(request.path("uid").asText(null))) {
            return;
        }
        int type = request.path("type").asInt(-1);
        JsonNode opts = request.get("opts");
        try {
            switch (type) {
                case RedisProtocol.RequestType.REMOTE_JOIN -> {
                    if (opts != null) {
                        super.addSockets(target(opts), strings(request.get("rooms")));
                    } else {
                        Socket socket = namespace().sockets().get(request.path("sid").asText());
                        if (socket != null) {
                            socket.join(request.path("room").asText());
                        }
                    }
                }
                case RedisProtocol.RequestType.REMOTE_LEAVE -> {
                    if (opts != null) {
                        super.delSockets(target(opts), strings(request.get("rooms")));
                    } else {
                        Socket socket = namespace().sockets().get(request.path("sid").asText());
                        if (socket != null) {
                            socket.leave(request.path("room").asText());
                        }
                    }
                }
                case RedisProtocol.RequestType.REMOTE_DISCONNECT -> {
                    boolean close = request.path("close").asBoolean(false);
                    if (opts != null) {
                        super.disconnectSockets(target(opts), close);
                    } else {
                        Socket socket = namespace().sockets().get(request.path("sid").asText());
                        if (socket != null) {
                            socket.disconnect(close);
                        }
                    }
                }
                default -> log.debug("ignoring request type {} on {}", type, requestChannel);
            }
        } catch (RuntimeException e) {
            log.warn("cannot apply request type {} from {}: {}", type, request.path("uid").asText(), e.toString());
        }
    }

    private static BroadcastOptions target(JsonNode opts) {
        return new BroadcastOptions(strings(opts.get("rooms")), strings(opts.get("except")), false, true, true);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (JsonNode value : array) {
                out.add(value.asText());
            }
        }
        return out;
    }

    @Override
    public void close() {
        factory.release(this);
        super.close();
    }

    private static String randomUid(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
