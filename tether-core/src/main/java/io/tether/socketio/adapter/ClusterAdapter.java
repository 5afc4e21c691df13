package io.tether.socketio.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.engine.internal.Ids;
import io.tether.socketio.Ack;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for a cluster of nodes, whatever carries their messages: it sends broadcasts and requests to the
 * other nodes, applies theirs to this node's sockets, answers them, and keeps the requests waiting for answers
 * ({@code fetchSockets}, broadcasts with acknowledgements, {@code serverSideEmitWithAck}). Requests that the
 * other nodes do not all answer within the requests timeout fail with an {@link AckException}.
 *
 * <p>A subclass is the transport: it implements {@link #publish}, {@link #publishResponse} and
 * {@link #serverCount}, and hands what it receives to {@link #onMessage} and {@link #onResponse}.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);
    /** How long acknowledgements of a broadcast without timeout are still forwarded. */
    private static final long UNBOUNDED_ACKS_MILLIS = 60_000;

    private final String uid = Ids.random(8);
    private final Duration requestsTimeout;
    private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();
    /** Where other nodes' clients' acknowledgements of a broadcast go, by request id, until its timeout. */
    private final Map<String, Consumer<EventArgs>> ackListeners = new ConcurrentHashMap<>();

    /** @param requestsTimeout how long a request waits for the other nodes' answers */
    protected ClusterAdapter(AdapterContext context, Duration requestsTimeout) {
        super(context);
        this.requestsTimeout = requestsTimeout;
    }

    /** This node's id in the cluster; a node ignores its own messages. */
    public String uid() {
        return uid;
    }

    /** Sends a broadcast or a request to every other node (a transport may reach this one too: it is ignored). */
    protected abstract void publish(ClusterMessage message);

    /** Sends an answer to the node {@code requesterUid}, which asked. */
    protected abstract void publishResponse(String requesterUid, ClusterResponse response);

    /** How many nodes serve this namespace, this one included. */
    protected abstract CompletableFuture<Long> serverCount();

    // ---- operations started here ----

    @Override
    public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
        if (!options.local()) {
            publishOrWarn(ClusterMessage.broadcast(uid, context().namespace(), packet, options));
        }
        super.broadcast(packet, options);
    }

    /**
     * Delivers to this node's sockets, asks the others to deliver too and collects their client counts and their
     * clients' acknowledgements. The counts are known once every other node answered, or after the requests
     * timeout with those that came; acknowledgements are forwarded until {@code timeoutMillis}.
     */
    @Override
    public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
            Consumer<EventArgs> onAck, Runnable countsKnown, long timeoutMillis) {
        if (options.local()) {
            super.broadcastWithAck(packet, options, clientCount, onAck, countsKnown, timeoutMillis);
            return;
        }
        String requestId = Ids.random(8);
        ackListeners.put(requestId, onAck);
        long forwardFor = timeoutMillis > 0 ? timeoutMillis
                : Math.max(UNBOUNDED_ACKS_MILLIS, requestsTimeout.toMillis());
        CompletableFuture.delayedExecutor(forwardFor, TimeUnit.MILLISECONDS)
                .execute(() -> ackListeners.remove(requestId, onAck));
        // the local count first: it is in before countsKnown can run
        super.broadcastWithAck(packet, options, clientCount, onAck);
        serverCount().whenComplete((servers, error) -> {
            long others = error == null && servers != null ? servers - 1 : 0;
            if (others <= 0) {
                ackListeners.remove(requestId, onAck);
                countsKnown.run();
                return;
            }
            PendingRequest counts = start(requestId, ClusterResponse.Type.BROADCAST_CLIENT_COUNT, others,
                    answer -> clientCount.accept(answer.clientCount()));
            counts.result().whenComplete((answers, timeout) -> countsKnown.run());
            send(counts, ClusterMessage.broadcastWithAck(uid, context().namespace(), requestId, packet, options,
                    timeoutMillis));
        });
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            publishOrWarn(ClusterMessage.rooms(ClusterMessage.Type.SOCKETS_JOIN, uid, context().namespace(), options,
                    rooms));
        }
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.local()) {
            publishOrWarn(ClusterMessage.rooms(ClusterMessage.Type.SOCKETS_LEAVE, uid, context().namespace(), options,
                    rooms));
        }
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.local()) {
            publishOrWarn(ClusterMessage.disconnectSockets(uid, context().namespace(), options, close));
        }
        super.disconnectSockets(options, close);
    }

    /** This node's sockets and every other node's; fails with an {@link AckException} if one does not answer. */
    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = super.fetchSockets(options).join();
        if (options.local()) {
            return CompletableFuture.completedFuture(local);
        }
        return serverCount().thenCompose(servers -> {
            if (servers <= 1) {
                return CompletableFuture.completedFuture(local);
            }
            String requestId = Ids.random(8);
            PendingRequest pending = start(requestId, ClusterResponse.Type.FETCH_SOCKETS_RESPONSE, servers - 1, null);
            send(pending, ClusterMessage.fetchSockets(uid, context().namespace(), requestId, options));
            return pending.result().thenApply(answers -> {
                List<RemoteSocket> all = new ArrayList<>(local);
                answers.forEach(answer -> all.addAll(answer.sockets()));
                return List.copyOf(all);
            });
        });
    }

    @Override
    public void serverSideEmit(ArrayNode eventAndArgs) {
        publishOrWarn(ClusterMessage.serverSideEmit(uid, context().namespace(), null, eventAndArgs));
    }

    /** One answer per other node; fails with an {@link AckException} if one does not answer in time. */
    @Override
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(ArrayNode eventAndArgs) {
        return serverCount().thenCompose(servers -> {
            long others = servers - 1;
            if (others <= 0) {
                return CompletableFuture.completedFuture(List.<EventArgs>of());
            }
            String requestId = Ids.random(8);
            PendingRequest pending = start(requestId, ClusterResponse.Type.SERVER_SIDE_EMIT_RESPONSE, others, null);
            send(pending, ClusterMessage.serverSideEmit(uid, context().namespace(), requestId, eventAndArgs));
            return pending.result().thenApply(answers -> answers.stream().map(this::argsOf).toList());
        });
    }

    private PendingRequest start(String requestId, ClusterResponse.Type answerType, long expected,
            Consumer<ClusterResponse> onAnswer) {
        PendingRequest pending = new PendingRequest(requestId, answerType, expected, onAnswer);
        requests.put(requestId, pending);
        pending.result().whenComplete((answers, error) -> requests.remove(requestId, pending));
        CompletableFuture.delayedExecutor(requestsTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(pending::expire);
        return pending;
    }

    private void send(PendingRequest pending, ClusterMessage message) {
        try {
            publish(message);
        } catch (RuntimeException e) {
            log.warn("cannot send a {} request of {} to other nodes: {}", message.type(), message.namespace(),
                    e.toString());
            pending.fail(e);
        }
    }

    private void publishOrWarn(ClusterMessage message) {
        try {
            publish(message);
        } catch (RuntimeException e) {
            log.warn("cannot send a {} of {} to other nodes: {}", message.type(), message.namespace(), e.toString());
        }
    }

    // ---- what other nodes send ----

    /** A broadcast or request from a node (possibly this one, whose messages are ignored). */
    protected void onMessage(ClusterMessage message) {
        if (uid.equals(message.uid()) || !context().namespace().equals(message.namespace())) {
            return;
        }
        try {
            switch (message.type()) {
                case BROADCAST -> {
                    if (message.expectsAnswers()) {
                        onBroadcastWithAck(message);
                    } else {
                        super.broadcast(message.packet(), message.options());
                    }
                }
                case SOCKETS_JOIN -> super.addSockets(message.options(), message.rooms());
                case SOCKETS_LEAVE -> super.delSockets(message.options(), message.rooms());
                case DISCONNECT_SOCKETS -> super.disconnectSockets(message.options(), message.close());
                case FETCH_SOCKETS -> publishResponse(message.uid(), ClusterResponse.fetchedSockets(
                        message.requestId(), super.fetchSockets(message.options()).join()));
                case SERVER_SIDE_EMIT -> onServerSideEmit(message);
            }
        } catch (RuntimeException e) {
            log.warn("cannot apply a {} from node {} on {}: {}", message.type(), message.uid(), message.namespace(),
                    e.toString());
        }
    }

    /** Delivered here, this node answers with its client count, then with each client's first argument. */
    private void onBroadcastWithAck(ClusterMessage message) {
        String requestId = message.requestId();
        SocketIoPacket received = message.packet();
        // this node numbers the packet itself: an id from another node could clash with one its sockets await
        SocketIoPacket packet = new SocketIoPacket(received.type(), received.namespace(), context().nextAckId(),
                received.data());
        super.broadcastWithAck(packet, message.options(),
                count -> publishResponse(message.uid(), ClusterResponse.clientCount(requestId, count)),
                answer -> publishResponse(message.uid(),
                        ClusterResponse.broadcastAck(requestId, answer.isEmpty() ? null : answer.get(0))));
    }

    private void onServerSideEmit(ClusterMessage message) {
        ArrayNode data = message.eventAndArgs();
        if (data == null || data.isEmpty()) {
            return;
        }
        List<JsonNode> eventAndArgs = new ArrayList<>(data.size());
        data.forEach(eventAndArgs::add);
        String requestId = message.requestId();
        AtomicBoolean answered = new AtomicBoolean();
        context().serverSideEmit(eventAndArgs, new Ack() {
            @Override
            public void send(Object... args) {
                if (requestId == null || !answered.compareAndSet(false, true)) {
                    return;
                }
                // one argument travels, as in Node
                JsonNode value = args.length == 0 ? null : context().mapper().valueToTree(args[0]);
                publishResponse(message.uid(), ClusterResponse.serverSideEmitAnswer(requestId, value));
            }

            @Override
            public boolean requested() {
                return requestId != null;
            }
        });
    }

    /** An answer to one of this node's requests; unknown and late ones are ignored. */
    protected void onResponse(ClusterResponse response) {
        if (response.type() == ClusterResponse.Type.BROADCAST_ACK) {
            Consumer<EventArgs> onAck = ackListeners.get(response.requestId());
            if (onAck != null) {
                onAck.accept(argsOf(response));
            }
            return;
        }
        PendingRequest pending = requests.get(response.requestId());
        if (pending != null) {
            pending.offer(response);
        }
    }

    /** Whether an answer to this request id is still awaited (so that a transport may skip decoding others). */
    protected boolean awaits(String requestId) {
        return requests.containsKey(requestId) || ackListeners.containsKey(requestId);
    }

    private EventArgs argsOf(ClusterResponse response) {
        JsonNode value = response.value();
        return EventArgs.of(value == null ? List.of() : List.of(value), context().mapper());
    }
}
