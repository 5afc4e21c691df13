package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import io.tether.socketio.adapter.AdapterContext;
import io.tether.socketio.adapter.BroadcastOptions;
import io.tether.socketio.adapter.ClusterAdapter;
import io.tether.socketio.adapter.ClusterMessage;
import io.tether.socketio.adapter.ClusterResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster adapter over Redis pub/sub, wire-compatible with @socket.io/redis-adapter 8.x (classic mode). It is
 * the transport and the codec of a {@link ClusterAdapter}: broadcasts are published as MessagePack
 * {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#} for exactly one room),
 * requests on {@code <key>-request#<nsp>#} (REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT, REMOTE_FETCH,
 * SERVER_SIDE_EMIT, BROADCAST with acknowledgements) and answers on {@code <key>-response#<nsp>#}; the other
 * nodes are counted with {@code PUBSUB NUMSUB} of the request channel. Rooms stay local, as in the reference
 * adapter, which also asks with SOCKETS and ALL_ROOMS requests: this node answers them too.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
 *         .adapter(RedisAdapter.factory("redis://127.0.0.1:6379"))
 *         .build());
 * }</pre>
 */
public class RedisAdapter extends ClusterAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

    private final RedisAdapterFactory factory;
    private final String key;
    private final String channel;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();

    RedisAdapter(AdapterContext context, RedisAdapterFactory factory) {
        super(context, factory.options().requestsTimeout());
        this.factory = factory;
        this.key = factory.options().key();
        this.channel = RedisProtocol.broadcastChannel(key, context.namespace());
        this.requestChannel = RedisProtocol.requestChannel(key, context.namespace());
        this.responseChannel = RedisProtocol.responseChannel(key, context.namespace());
        this.specificResponseChannel = RedisProtocol.responseChannel(key, context.namespace(), uid());
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}, with the default key {@code socket.io}. */
    public static RedisAdapterFactory factory(String redisUri) {
        return factory(RedisAdapterOptions.of(redisUri));
    }

    /** A factory for {@code SocketIoOptions.Builder.adapter}. */
    public static RedisAdapterFactory factory(RedisAdapterOptions options) {
        return new RedisAdapterFactory(options);
    }

    String pattern() {
        return channel + "*";
    }

    String requestChannel() {
        return requestChannel;
    }

    /** The channels this adapter subscribes to (besides its pattern). */
    String[] channels() {
        return new String[] {requestChannel, responseChannel, specificResponseChannel};
    }

    // ---- sending: ClusterMessage and ClusterResponse to the wire ----

    @Override
    protected void publish(ClusterMessage message) {
        BroadcastOptions options = message.options();
        switch (message.type()) {
            case BROADCAST -> {
                SocketIoPacket packet = inThisNamespace(message.packet());
                if (!message.expectsAnswers()) {
                    // as the reference adapter: the room's own channel for exactly one room
                    factory.publish(RedisProtocol.broadcastChannel(key, namespace(), options.rooms()),
                            RedisAdapterCodec.encode(uid(), packet, options));
                    return;
                }
                ObjectNode request = RedisProtocol.NODES.objectNode();
                request.put("uid", uid());
                request.put("requestId", message.requestId());
                request.put("type", RedisProtocol.RequestType.BROADCAST);
                request.set("packet", RedisAdapterCodec.packetJson(packet));
                ObjectNode opts = RedisAdapterCodec.optionsJson(options);
                if (message.ackTimeoutMillis() > 0) {
                    ((ObjectNode) opts.get("flags")).put("timeout", message.ackTimeoutMillis());
                }
                request.set("opts", opts);
                factory.publish(requestChannel, RedisProtocol.encodeRequest(request));
            }
            case SOCKETS_JOIN, SOCKETS_LEAVE -> {
                ObjectNode request = request(message.type() == ClusterMessage.Type.SOCKETS_JOIN
                        ? RedisProtocol.RequestType.REMOTE_JOIN : RedisProtocol.RequestType.REMOTE_LEAVE, options);
                request.set("rooms", RedisProtocol.strings(message.rooms()));
                factory.publish(requestChannel, RedisProtocol.json(request));
            }
            case DISCONNECT_SOCKETS -> {
                ObjectNode request = request(RedisProtocol.RequestType.REMOTE_DISCONNECT, options);
                request.put("close", message.close());
                factory.publish(requestChannel, RedisProtocol.json(request));
            }
            case FETCH_SOCKETS -> {
                ObjectNode request = request(RedisProtocol.RequestType.REMOTE_FETCH, options);
                request.put("requestId", message.requestId());
                factory.publish(requestChannel, RedisProtocol.json(request));
            }
            case SERVER_SIDE_EMIT -> {
                ObjectNode request = RedisProtocol.NODES.objectNode();
                request.put("uid", uid());
                if (message.expectsAnswers()) {
                    request.put("requestId", message.requestId());
                }
                request.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
                request.set("data", message.eventAndArgs());
                factory.publish(requestChannel, RedisProtocol.encodeRequest(request));
            }
        }
    }

    /** Answers go to the namespace's response channel, where the Node adapter listens too. */
    @Override
    protected void publishResponse(String requesterUid, ClusterResponse response) {
        ObjectNode out = RedisProtocol.NODES.objectNode();
        switch (response.type()) {
            case FETCH_SOCKETS_RESPONSE -> {
                out.put("requestId", response.requestId());
                ArrayNode sockets = out.putArray("sockets");
                for (RemoteSocket socket : response.sockets()) {
                    sockets.add(RedisAdapterSockets.toJson(socket, context().mapper()));
                }
                factory.publish(responseChannel, RedisProtocol.encodeRequest(out));
            }
            case SERVER_SIDE_EMIT_RESPONSE -> {
                out.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
                out.put("requestId", response.requestId());
                out.set("data", valueOrNull(response.value()));
                factory.publish(responseChannel, RedisProtocol.encodeRequest(out));
            }
            case BROADCAST_CLIENT_COUNT -> {
                out.put("type", RedisProtocol.RequestType.BROADCAST_CLIENT_COUNT);
                out.put("requestId", response.requestId());
                out.put("clientCount", response.clientCount());
                factory.publish(responseChannel, RedisProtocol.json(out));
            }
            case BROADCAST_ACK -> {
                out.put("type", RedisProtocol.RequestType.BROADCAST_ACK);
                out.put("requestId", response.requestId());
                out.set("packet", valueOrNull(response.value()));
                factory.publish(responseChannel, RedisProtocol.msgpack(out));
            }
        }
    }

    /** {@code PUBSUB NUMSUB} of the request channel, as the Node adapter counts the nodes. */
    @Override
    protected CompletableFuture<Long> serverCount() {
        return factory.serverCount(requestChannel);
    }

    private ObjectNode request(int type, BroadcastOptions options) {
        ObjectNode request = RedisProtocol.NODES.objectNode();
        request.put("uid", uid());
        request.put("type", type);
        request.set("opts", RedisProtocol.targetOptions(options.rooms(), options.except()));
        return request;
    }

    // ---- receiving: the wire to ClusterMessage and ClusterResponse ----

    /** A message on one of this namespace's broadcast channels, from any node. */
    void onBroadcastMessage(String from, byte[] message) {
        String room = RedisProtocol.roomOfChannel(key, namespace(), from);
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
            if (warnedMalformed.compareAndSet(false, true)) {
                log.warn("ignoring a malformed message on {} (further ones are logged at debug level): {}", from,
                        e.getMessage());
            } else {
                log.debug("ignoring a malformed message on {}: {}", from, e.getMessage());
            }
            return;
        }
        onMessage(ClusterMessage.broadcast(broadcast.uid(), broadcast.packet().namespace(), broadcast.packet(),
                broadcast.options()));
    }

    /** A message on the request or a response channel. */
    void onChannelMessage(String from, byte[] message) {
        if (from.equals(requestChannel)) {
            onRequest(message);
        } else {
            onResponse(message);
        }
    }

    /** A request from any node or emitter; this node applied its own already. */
    private void onRequest(byte[] message) {
        JsonNode request;
        try {
            request = RedisProtocol.decodeRequest(message);
        } catch (IOException | RuntimeException e) {
            log.debug("ignoring a malformed request on {}: {}", requestChannel, e.toString());
            return;
        }
        String from = request == null ? null : request.path("uid").asText("");
        if (from == null || from.equals(uid())) {
            return;
        }
        int type = request.path("type").asInt(-1);
        JsonNode opts = request.get("opts");
        String requestId = request.path("requestId").asText(null);
        try {
            switch (type) {
                case RedisProtocol.RequestType.REMOTE_JOIN -> onMessage(ClusterMessage.rooms(
                        ClusterMessage.Type.SOCKETS_JOIN, from, namespace(), target(request), rooms(request)));
                case RedisProtocol.RequestType.REMOTE_LEAVE -> onMessage(ClusterMessage.rooms(
                        ClusterMessage.Type.SOCKETS_LEAVE, from, namespace(), target(request), rooms(request)));
                case RedisProtocol.RequestType.REMOTE_DISCONNECT -> onMessage(ClusterMessage.disconnectSockets(from,
                        namespace(), target(request), request.path("close").asBoolean(false)));
                case RedisProtocol.RequestType.REMOTE_FETCH -> {
                    if (requestId != null && opts != null) {
                        onMessage(ClusterMessage.fetchSockets(from, namespace(), requestId, target(request)));
                    }
                }
                case RedisProtocol.RequestType.SOCKETS -> {
                    if (requestId != null) {
                        ObjectNode response = RedisProtocol.NODES.objectNode();
                        response.put("requestId", requestId);
                        response.set("sockets", RedisProtocol.strings(sockets(strings(request.get("rooms")))));
                        factory.publish(responseChannel, RedisProtocol.json(response));
                    }
                }
                case RedisProtocol.RequestType.ALL_ROOMS -> {
                    if (requestId != null) {
                        ObjectNode response = RedisProtocol.NODES.objectNode();
                        response.put("requestId", requestId);
                        response.set("rooms", RedisProtocol.strings(rooms()));
                        factory.publish(responseChannel, RedisProtocol.json(response));
                    }
                }
                case RedisProtocol.RequestType.BROADCAST -> {
                    if (requestId != null) {
                        SocketIoPacket packet = RedisAdapterCodec.packet(request.get("packet"));
                        long timeout = opts == null ? 0 : opts.path("flags").path("timeout").asLong(0);
                        onMessage(ClusterMessage.broadcastWithAck(from, packet.namespace(), requestId, packet,
                                RedisAdapterCodec.options(opts), timeout));
                    }
                }
                case RedisProtocol.RequestType.SERVER_SIDE_EMIT -> {
                    if (request.get("data") instanceof ArrayNode data && !data.isEmpty()) {
                        onMessage(ClusterMessage.serverSideEmit(from, namespace(), requestId, data));
                    }
                }
                default -> log.debug("ignoring request type {} on {}", type, requestChannel);
            }
        } catch (RuntimeException e) {
            log.warn("cannot apply request type {} from {}: {}", type, from, e.toString());
        }
    }

    /** An answer on a response channel: decoded only when this node waits for it. */
    private void onResponse(byte[] message) {
        JsonNode response;
        try {
            response = RedisProtocol.decodeRequest(message);
        } catch (IOException | RuntimeException e) {
            log.debug("ignoring a malformed response on {}: {}", responseChannel, e.toString());
            return;
        }
        String requestId = response == null ? null : response.path("requestId").asText(null);
        if (requestId == null || !awaits(requestId)) {
            return;
        }
        switch (response.path("type").asInt(-1)) {
            case RedisProtocol.RequestType.BROADCAST_CLIENT_COUNT ->
                    onResponse(ClusterResponse.clientCount(requestId, response.path("clientCount").asInt(0)));
            case RedisProtocol.RequestType.BROADCAST_ACK ->
                    onResponse(ClusterResponse.broadcastAck(requestId, response.get("packet")));
            case RedisProtocol.RequestType.SERVER_SIDE_EMIT ->
                    onResponse(ClusterResponse.serverSideEmitAnswer(requestId, response.get("data")));
            default -> {
                JsonNode sockets = response.get("sockets");
                if (sockets == null || !sockets.isArray()) {
                    return;
                }
                List<RemoteSocket> found = new ArrayList<>(sockets.size());
                for (JsonNode socket : sockets) {
                    try {
                        found.add(RedisAdapterSockets.fromJson(context(), socket, context().mapper()));
                    } catch (RuntimeException e) {
                        log.debug("ignoring a socket in a fetchSockets response: {}", e.toString());
                    }
                }
                onResponse(ClusterResponse.fetchedSockets(requestId, found));
            }
        }
    }

    private String namespace() {
        return context().namespace();
    }

    private SocketIoPacket inThisNamespace(SocketIoPacket packet) {
        return new SocketIoPacket(packet.type(), namespace(), packet.ackId(), packet.data());
    }

    private static JsonNode valueOrNull(JsonNode value) {
        return value == null ? RedisProtocol.NODES.nullNode() : value;
    }

    /**
     * The sockets a REMOTE_JOIN / REMOTE_LEAVE / REMOTE_DISCONNECT selects: its {@code opts}, or, in the emitter's
     * older form without them, the socket {@code sid} (a socket is always in the room named by its id).
     */
    private static BroadcastOptions target(JsonNode request) {
        JsonNode opts = request.get("opts");
        if (opts == null) {
            return new BroadcastOptions(Set.of(request.path("sid").asText()), Set.of(), false, true, true);
        }
        return new BroadcastOptions(strings(opts.get("rooms")), strings(opts.get("except")), false, true, true);
    }

    /** The rooms of a REMOTE_JOIN / REMOTE_LEAVE: {@code rooms}, or {@code room} in the older form. */
    private static Set<String> rooms(JsonNode request) {
        return request.get("opts") == null ? Set.of(request.path("room").asText()) : strings(request.get("rooms"));
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
}
