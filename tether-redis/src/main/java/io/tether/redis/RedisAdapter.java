package io.tether.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.BroadcastOptions;
import io.tether.socketio.EventArgs;
import io.tether.socketio.InMemoryAdapter;
import io.tether.socketio.Namespace;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoPacket;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster adapter over Redis pub/sub, wire-compatible with @socket.io/redis-adapter 8.x (classic mode):
 * broadcasts are published as MessagePack {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or
 * {@code <key>#<nsp>#<room>#} for exactly one room) and every other node delivers them to its
 * own sockets. Rooms stay local, as in the reference adapter.
 *
 * <p>Across the cluster: broadcasts (rooms, except, volatile, compress; {@code local()} stays on this node),
 * {@code socketsJoin} / {@code socketsLeave} / {@code disconnectSockets}, {@code fetchSockets} (waits for every
 * node listening on {@code <key>-request#<nsp>#}, at most {@link RedisAdapterOptions#requestsTimeout}),
 * {@code emitWithAck} (a BROADCAST request; it completes once every node's clients answered). This node also
 * answers other nodes' SOCKETS, ALL_ROOMS and BROADCAST (their {@code emitWithAck}) requests, and server-side
 * emits (SERVER_SIDE_EMIT, with and without acks) go both ways.
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
    private final String responseChannel;
    private final String specificResponseChannel;
    private final Map<String, PendingFetch> pendingFetches = new ConcurrentHashMap<>();
    private final Map<String, PendingAcks> pendingAcks = new ConcurrentHashMap<>();
    private final Map<String, PendingServerSideEmit> pendingServerSideEmits = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean warnedMalformed =
            new java.util.concurrent.atomic.AtomicBoolean();

    RedisAdapter(Namespace namespace, RedisAdapterFactory factory) {
        super(namespace);
        this.factory = factory;
        this.channel = RedisProtocol.broadcastChannel(factory.options().key(), namespace.name());
        this.requestChannel = RedisProtocol.requestChannel(factory.options().key(), namespace.name());
        this.responseChannel = RedisProtocol.responseChannel(factory.options().key(), namespace.name());
        this.specificResponseChannel = RedisProtocol.responseChannel(factory.options().key(), namespace.name(), uid);
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

    /** The channels this adapter subscribes to (besides its pattern). */
    String[] channels() {
        return new String[] {requestChannel, responseChannel, specificResponseChannel};
    }

    /** A message on the request or a response channel. */
    void onChannelMessage(String from, byte[] message) {
        if (from.equals(requestChannel)) {
            onRequest(message);
        } else {
            onResponse(message);
        }
    }

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        if (!options.local()) {
            SocketIoPacket sent = new SocketIoPacket(packet.type(), namespace().name(), packet.ackId(), packet.data());
            // as the reference adapter: the room's own channel for exactly one room
            String target = RedisProtocol.broadcastChannel(factory.options().key(), namespace().name(),
                    options.rooms());
            try {
                factory.publish(target, RedisAdapterCodec.encode(uid, sent, options));
            } catch (RuntimeException e) {
                log.warn("cannot publish a broadcast of {} to other nodes: {}", namespace().name(), e.toString());
            }
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
            if (warnedMalformed.compareAndSet(false, true)) {
                log.warn("ignoring a malformed message on {} (further ones are logged at debug level): {}", from,
                        e.getMessage());
            } else {
                log.debug("ignoring a malformed message on {}: {}", from, e.getMessage());
            }
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
     * A request from any node (or emitter). This node applied its own requests already. Served: REMOTE_JOIN,
     * REMOTE_LEAVE, REMOTE_DISCONNECT, REMOTE_FETCH, SOCKETS, ALL_ROOMS and BROADCAST (another node's
     * {@code emitWithAck}) and SERVER_SIDE_EMIT.
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
                case RedisProtocol.RequestType.REMOTE_FETCH -> {
                    String requestId = request.path("requestId").asText(null);
                    if (requestId == null || opts == null) {
                        return;
                    }
                    List<RemoteSocket> found = super.fetchSockets(target(opts)).join();
                    ObjectNode response = RedisProtocol.NODES.objectNode();
                    response.put("requestId", requestId);
                    ArrayNode sockets = response.putArray("sockets");
                    for (RemoteSocket socket : found) {
                        sockets.add(RedisAdapterSockets.toJson(socket, mapper()));
                    }
                    factory.publish(responseChannel, RedisProtocol.encodeRequest(response));
                }
                case RedisProtocol.RequestType.SOCKETS -> {
                    ObjectNode response = response(request);
                    if (response != null) {
                        response.set("sockets", RedisProtocol.strings(super.sockets(strings(request.get("rooms")))));
                        factory.publish(responseChannel, RedisProtocol.json(response));
                    }
                }
                case RedisProtocol.RequestType.ALL_ROOMS -> {
                    ObjectNode response = response(request);
                    if (response != null) {
                        response.set("rooms", RedisProtocol.strings(super.rooms()));
                        factory.publish(responseChannel, RedisProtocol.json(response));
                    }
                }
                case RedisProtocol.RequestType.BROADCAST -> onBroadcastWithAck(request);
                case RedisProtocol.RequestType.SERVER_SIDE_EMIT -> onServerSideEmit(request);
                default -> log.debug("ignoring request type {} on {}", type, requestChannel);
            }
        } catch (RuntimeException e) {
            log.warn("cannot apply request type {} from {}: {}", type, request.path("uid").asText(), e.toString());
        }
    }

    private static ObjectNode response(JsonNode request) {
        String requestId = request.path("requestId").asText(null);
        if (requestId == null) {
            return null;
        }
        ObjectNode response = RedisProtocol.NODES.objectNode();
        response.put("requestId", requestId);
        return response;
    }

    /**
     * A broadcast with acknowledgements from another node (Node's {@code emitWithAck}): delivered here, this
     * node answers with its client count, then with each client's answer (its first argument, as Node does).
     */
    private void onBroadcastWithAck(JsonNode request) {
        String requestId = request.path("requestId").asText(null);
        if (requestId == null) {
            return;
        }
        SocketIoPacket packet = RedisAdapterCodec.packet(request.get("packet"));
        if (!namespace().name().equals(packet.namespace())) {
            return;
        }
        // each node numbers the packet itself (the Node adapter publishes it before numbering it; an id from
        // another node could clash with one this node's sockets are waiting for)
        packet = new SocketIoPacket(packet.type(), packet.namespace(), namespace().nextAckId(), packet.data());
        BroadcastOptions options = RedisAdapterCodec.options(request.get("opts"));
        super.broadcastWithAck(packet, options, count -> {
            ObjectNode response = RedisProtocol.NODES.objectNode();
            response.put("type", RedisProtocol.RequestType.BROADCAST_CLIENT_COUNT);
            response.put("requestId", requestId);
            response.put("clientCount", count);
            factory.publish(responseChannel, RedisProtocol.json(response));
        }, answer -> {
            ObjectNode response = RedisProtocol.NODES.objectNode();
            response.put("type", RedisProtocol.RequestType.BROADCAST_ACK);
            response.put("requestId", requestId);
            response.set("packet", answer.isEmpty() ? RedisProtocol.NODES.nullNode() : answer.get(0));
            factory.publish(responseChannel, RedisProtocol.msgpack(response));
        });
    }

    // ---- emitWithAck started here: BROADCAST and its responses ----

    private static final class PendingAcks {
        final IntConsumer clientCount;
        final Consumer<EventArgs> onAck;
        final Runnable countsKnown;
        long countsExpected;
        long countsReceived;
        boolean countsDone;

        PendingAcks(IntConsumer clientCount, Consumer<EventArgs> onAck, Runnable countsKnown) {
            this.clientCount = clientCount;
            this.onAck = onAck;
            this.countsKnown = countsKnown;
        }
    }

    /**
     * Delivers to this node's sockets, publishes a BROADCAST request (type 7) and collects every other node's
     * client count (type 8) and its clients' answers (type 9, the first argument of each, as Node sends them).
     * The counts are complete once as many nodes answered as {@code PUBSUB NUMSUB} listed (or after
     * {@link RedisAdapterOptions#requestsTimeout}, with those that came); answers are taken until the timeout.
     */
    @Override
    public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck, Runnable countsKnown, long timeoutMillis) {
        if (options.local()) {
            super.broadcastWithAck(packet, options, clientCount, onAck, countsKnown, timeoutMillis);
            return;
        }
        String requestId = randomUid(6);
        PendingAcks pending = new PendingAcks(clientCount, onAck, countsKnown);
        pending.countsExpected = Long.MAX_VALUE;
        pendingAcks.put(requestId, pending);
        ObjectNode request = RedisProtocol.NODES.objectNode();
        request.put("uid", uid);
        request.put("requestId", requestId);
        request.put("type", RedisProtocol.RequestType.BROADCAST);
        request.set("packet", RedisAdapterCodec.packetJson(
                new SocketIoPacket(packet.type(), namespace().name(), packet.ackId(), packet.data())));
        ObjectNode opts = RedisAdapterCodec.optionsJson(options);
        if (timeoutMillis > 0) {
            ((ObjectNode) opts.get("flags")).put("timeout", timeoutMillis);
        }
        request.set("opts", opts);
        long cleanup = timeoutMillis > 0 ? timeoutMillis : Math.max(60_000L,
                factory.options().requestsTimeout().toMillis());
        CompletableFuture.delayedExecutor(cleanup, TimeUnit.MILLISECONDS)
                .execute(() -> pendingAcks.remove(requestId, pending));
        CompletableFuture.delayedExecutor(factory.options().requestsTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> finishCounts(pending));
        // the local sockets first: their count is in before countsKnown can run
        super.broadcastWithAck(packet, options, clientCount, onAck);
        factory.serverCount(requestChannel).whenComplete((servers, error) -> {
            long others = error == null && servers != null ? servers - 1 : 0;
            synchronized (pending) {
                pending.countsExpected = others;
            }
            if (others <= 0) {
                pendingAcks.remove(requestId, pending);
                finishCounts(pending);
                return;
            }
            try {
                factory.publish(requestChannel, RedisProtocol.encodeRequest(request));
            } catch (RuntimeException e) {
                log.warn("cannot publish a broadcast with acks of {} to other nodes: {}", namespace().name(),
                        e.toString());
                finishCounts(pending);
                return;
            }
            synchronized (pending) {
                if (pending.countsReceived < pending.countsExpected) {
                    return;
                }
            }
            finishCounts(pending);
        });
    }

    private void finishCounts(PendingAcks pending) {
        synchronized (pending) {
            if (pending.countsDone) {
                return;
            }
            pending.countsDone = true;
        }
        pending.countsKnown.run();
    }

    private void onAckResponse(PendingAcks pending, JsonNode response, int type) {
        if (type == RedisProtocol.RequestType.BROADCAST_CLIENT_COUNT) {
            boolean complete;
            synchronized (pending) {
                if (pending.countsDone) {
                    return; // too late: the operator does not wait for it any more
                }
                pending.clientCount.accept(response.path("clientCount").asInt(0));
                pending.countsReceived++;
                complete = pending.countsReceived >= pending.countsExpected;
            }
            if (complete) {
                finishCounts(pending);
            }
        } else {
            JsonNode answer = response.get("packet");
            pending.onAck.accept(EventArgs.of(answer == null ? List.of() : List.of(answer), mapper()));
        }
    }

    // ---- serverSideEmit: SERVER_SIDE_EMIT requests and their answers ----

    private static final class PendingServerSideEmit {
        final CompletableFuture<List<EventArgs>> result = new CompletableFuture<>();
        final List<EventArgs> responses = new ArrayList<>();
        final long expected;

        PendingServerSideEmit(long expected) {
            this.expected = expected;
        }
    }

    /** Publishes {@code {uid, type: 6, data}} on the request channel. */
    @Override
    public void serverSideEmit(ArrayNode eventAndArgs) {
        ObjectNode request = RedisProtocol.NODES.objectNode();
        request.put("uid", uid);
        request.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
        request.set("data", eventAndArgs);
        factory.publish(requestChannel, RedisProtocol.encodeRequest(request));
    }

    /**
     * Publishes {@code {uid, requestId, type: 6, data}} and waits for one answer from each other node
     * ({@code PUBSUB NUMSUB} minus this one), at most {@link RedisAdapterOptions#requestsTimeout}.
     */
    @Override
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(ArrayNode eventAndArgs) {
        return factory.serverCount(requestChannel).thenCompose(servers -> {
            long others = servers - 1;
            if (others <= 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            String requestId = randomUid(6);
            PendingServerSideEmit pending = new PendingServerSideEmit(others);
            pendingServerSideEmits.put(requestId, pending);
            ObjectNode request = RedisProtocol.NODES.objectNode();
            request.put("uid", uid);
            request.put("requestId", requestId);
            request.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
            request.set("data", eventAndArgs);
            Duration timeout = factory.options().requestsTimeout();
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (pendingServerSideEmits.remove(requestId, pending)) {
                    synchronized (pending) {
                        pending.result.completeExceptionally(io.tether.socketio.AckException.timeout(
                                "timeout reached: only " + pending.responses.size() + " responses received out of "
                                        + pending.expected));
                    }
                }
            });
            try {
                factory.publish(requestChannel, RedisProtocol.encodeRequest(request));
            } catch (RuntimeException e) {
                pendingServerSideEmits.remove(requestId, pending);
                pending.result.completeExceptionally(e);
            }
            return pending.result;
        });
    }

    private void onServerSideEmit(JsonNode request) {
        JsonNode data = request.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            return;
        }
        List<JsonNode> eventAndArgs = new ArrayList<>();
        data.forEach(eventAndArgs::add);
        String requestId = request.path("requestId").asText(null);
        java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        namespace().receiveServerSideEmit(eventAndArgs, new io.tether.socketio.Ack() {
            @Override
            public void send(Object... args) {
                if (requestId == null || !answered.compareAndSet(false, true)) {
                    return;
                }
                ObjectNode response = RedisProtocol.NODES.objectNode();
                response.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
                response.put("requestId", requestId);
                // only one argument is expected, as in Node
                response.set("data", args.length == 0 ? RedisProtocol.NODES.nullNode()
                        : namespace().server().options().objectMapper().valueToTree(args[0]));
                factory.publish(responseChannel, RedisProtocol.encodeRequest(response));
            }

            @Override
            public boolean requested() {
                return requestId != null;
            }
        });
    }

    private void onServerSideEmitResponse(JsonNode response, String requestId) {
        PendingServerSideEmit pending = pendingServerSideEmits.get(requestId);
        if (pending == null) {
            return;
        }
        JsonNode data = response.get("data");
        boolean complete;
        synchronized (pending) {
            pending.responses.add(EventArgs.of(data == null ? List.of() : List.of(data), mapper()));
            complete = pending.responses.size() >= pending.expected;
        }
        if (complete && pendingServerSideEmits.remove(requestId, pending)) {
            synchronized (pending) {
                pending.result.complete(List.copyOf(pending.responses));
            }
        }
    }

    // ---- fetchSockets: REMOTE_FETCH and its responses ----

    private static final class PendingFetch {
        final CompletableFuture<List<RemoteSocket>> result = new CompletableFuture<>();
        final List<RemoteSocket> sockets;
        final long expected;
        long received = 1; // this node

        PendingFetch(List<RemoteSocket> local, long expected) {
            this.sockets = new ArrayList<>(local);
            this.expected = expected;
        }
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = super.fetchSockets(options).join();
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return factory.serverCount(requestChannel).thenCompose(servers -> {
            if (servers <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            String requestId = randomUid(10);
            PendingFetch pending = new PendingFetch(local, servers);
            pendingFetches.put(requestId, pending);
            ObjectNode request = request(RedisProtocol.RequestType.REMOTE_FETCH, options);
            request.put("requestId", requestId);
            factory.publish(requestChannel, RedisProtocol.json(request));
            Duration timeout = factory.options().requestsTimeout();
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (pendingFetches.remove(requestId, pending)) {
                    pending.result.completeExceptionally(new TimeoutException(
                            "timeout reached while waiting for fetchSockets response"));
                }
            });
            return pending.result;
        });
    }

    private void onResponse(byte[] message) {
        JsonNode response;
        try {
            response = RedisProtocol.decodeRequest(message);
        } catch (IOException | RuntimeException e) {
            log.debug("ignoring a malformed response on {}: {}", responseChannel, e.toString());
            return;
        }
        String requestId = response == null ? null : response.path("requestId").asText(null);
        int type = response == null ? -1 : response.path("type").asInt(-1);
        if (requestId != null && (type == RedisProtocol.RequestType.BROADCAST_CLIENT_COUNT
                || type == RedisProtocol.RequestType.BROADCAST_ACK)) {
            PendingAcks acks = pendingAcks.get(requestId);
            if (acks != null) {
                onAckResponse(acks, response, type);
            }
            return;
        }
        if (requestId != null && type == RedisProtocol.RequestType.SERVER_SIDE_EMIT) {
            onServerSideEmitResponse(response, requestId);
            return;
        }
        PendingFetch pending = requestId == null ? null : pendingFetches.get(requestId);
        if (pending == null) {
            return;
        }
        JsonNode sockets = response.get("sockets");
        if (sockets == null || !sockets.isArray()) {
            return;
        }
        boolean complete;
        synchronized (pending) {
            pending.received++;
            for (JsonNode socket : sockets) {
                try {
                    pending.sockets.add(RedisAdapterSockets.fromJson(namespace(), socket, mapper()));
                } catch (RuntimeException e) {
                    log.debug("ignoring a socket in a fetchSockets response: {}", e.toString());
                }
            }
            complete = pending.received >= pending.expected;
        }
        if (complete && pendingFetches.remove(requestId, pending)) {
            synchronized (pending) {
                pending.result.complete(List.copyOf(pending.sockets));
            }
        }
    }

    private ObjectMapper mapper() {
        return namespace().server().options().objectMapper();
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
