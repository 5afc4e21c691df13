package io.tether.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tether.socketio.adapter.BroadcastOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broadcast being described: which rooms, which not, and how. Immutable: each method returns a new one.
 *
 * <pre>{@code
 * io.to("room-1").except("banned").emit("news", item);
 * socket.broadcast().emit("joined", name);                 // everyone but the sender
 * io.timeout(5_000).emitWithAck("poll").thenAccept(answers -> ...);
 * io.in("room-1").socketsLeave("room-1");                  // close a room
 * }</pre>
 */
public final class BroadcastOperator {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean isVolatile;
    private final boolean compress;
    private final boolean local;
    private final long timeoutMillis;

    BroadcastOperator(Namespace namespace) {
        this(namespace, Set.of(), Set.of(), false, true, false, 0);
    }

    private BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean isVolatile,
            boolean compress, boolean local, long timeoutMillis) {
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.isVolatile = isVolatile;
        this.compress = compress;
        this.local = local;
        this.timeoutMillis = timeoutMillis;
    }

    /** Targets the sockets in these rooms (added to the rooms already targeted). */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(namespace, union(this.rooms, rooms), except, isVolatile, compress, local,
                timeoutMillis);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /** Leaves out the sockets in these rooms (a socket id is a room too). */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(namespace, this.rooms, union(except, rooms), isVolatile, compress, local,
                timeoutMillis);
    }

    /** Sockets that cannot take the packet right now miss it instead of queueing it. */
    public BroadcastOperator volatileFlag() {
        return new BroadcastOperator(namespace, rooms, except, true, compress, local, timeoutMillis);
    }

    /** Whether the packet may be compressed. */
    public BroadcastOperator compress(boolean compress) {
        return new BroadcastOperator(namespace, rooms, except, isVolatile, compress, local, timeoutMillis);
    }

    /** Only this node's sockets (in a cluster). */
    public BroadcastOperator local() {
        return new BroadcastOperator(namespace, rooms, except, isVolatile, compress, true, timeoutMillis);
    }

    /** Acknowledgements fail with an {@link AckException} after this many milliseconds. */
    public BroadcastOperator timeout(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return new BroadcastOperator(namespace, rooms, except, isVolatile, compress, local, millis);
    }

    BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, isVolatile, compress, local);
    }

    /**
     * Sends an event to every selected socket, encoded once.
     *
     * @throws IllegalArgumentException if the event is reserved, or an argument is an acknowledgement callback
     *         (use {@link #emit(String, BroadcastAckCallback, Object...)} or {@link #emitWithAck})
     */
    public void emit(String event, Object... args) {
        namespace.adapter().broadcast(packet(event, args, SocketIoPacket.NO_ACK), options());
    }

    /**
     * Sends an event to every selected socket and collects their acknowledgements in the callback (give a
     * {@link #timeout} so that it is sure to be called).
     */
    public void emit(String event, BroadcastAckCallback callback, Object... args) {
        emitWithAck(event, args, Objects.requireNonNull(callback, "callback"));
    }

    /** Emits and returns every socket's answer; fails with an {@link AckException} on timeout. */
    public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        CompletableFuture<List<EventArgs>> future = new CompletableFuture<>();
        emitWithAck(event, args, (error, responses) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(responses);
            }
        });
        return future;
    }

    private void emitWithAck(String event, Object[] args, BroadcastAckCallback callback) {
        SocketIoPacket packet = packet(event, args, namespace.nextAckId());
        List<EventArgs> responses = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger expected = new AtomicInteger();
        AtomicBoolean countKnown = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Runnable completeIfAllAnswered = () -> {
            if (countKnown.get() && responses.size() >= expected.get() && done.compareAndSet(false, true)) {
                callback.onAcks(null, List.copyOf(responses));
            }
        };
        if (timeoutMillis > 0) {
            namespace.server().scheduler().schedule(() -> {
                if (done.compareAndSet(false, true)) {
                    callback.onAcks(AckException.timeout(), List.copyOf(responses));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        namespace.adapter().broadcastWithAck(packet, options(), count -> expected.addAndGet(count), answer -> {
            responses.add(answer);
            completeIfAllAnswered.run();
        }, () -> {
            countKnown.set(true);
            completeIfAllAnswered.run();
        }, timeoutMillis);
    }

    private SocketIoPacket packet(String event, Object[] args, long ackId) {
        EventPackets.requireEmittable(event);
        ArrayNode data = EventPackets.eventData(event, args, namespace.server().toNodes());
        return new SocketIoPacket(PacketType.EVENT, namespace.name(), ackId, data);
    }

    /** The selected sockets, with their handshake, rooms and data. */
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return namespace.adapter().fetchSockets(options());
    }

    /** Makes the selected sockets join rooms. */
    public void socketsJoin(String... rooms) {
        namespace.adapter().addSockets(options(), Set.of(rooms));
    }

    /** Makes the selected sockets leave rooms. */
    public void socketsLeave(String... rooms) {
        namespace.adapter().delSockets(options(), Set.of(rooms));
    }

    /** Disconnects the selected sockets; with {@code close}, their connections too. */
    public void disconnectSockets(boolean close) {
        namespace.adapter().disconnectSockets(options(), close);
    }

    private static Set<String> union(Set<String> a, String[] b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(Arrays.asList(b));
        return Set.copyOf(out);
    }
}
