package io.tether.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.tether.socketio.EventPackets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends events to the sockets of a socket.io cluster on Redis from any process, like
 * {@code @socket.io/redis-emitter}: {@code RedisEmitter.create("redis://localhost:6379").to("room").emit("news", item);}
 *
 * <p>Works with Node.js servers on {@code @socket.io/redis-adapter} 8.x and with Tether's {@code RedisAdapter}.
 * Each emitter is bound to a namespace ({@code /} for the one {@link #create} returns); {@link #of} makes one for
 * another namespace on the same connection. Operations publish asynchronously and return the number of Redis
 * subscribers (that is, servers) that got the message. Thread-safe.
 */
public final class RedisEmitter implements AutoCloseable {
    private final Connection connection;
    private final String key;
    private final String nsp;

    private RedisEmitter(Connection connection, String key, String nsp) {
        this.connection = connection;
        this.key = key;
        this.nsp = nsp;
    }

    /** Connects to Redis, key prefix {@code socket.io}: {@code RedisEmitter.create("redis://localhost:6379")}. */
    public static RedisEmitter create(String redisUri) {
        return create(redisUri, RedisProtocol.DEFAULT_KEY);
    }

    /** Connects with the servers' key prefix: {@code RedisEmitter.create("redis://localhost:6379", "my-app")}. */
    public static RedisEmitter create(String redisUri, String keyPrefix) {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisClient client = RedisClient.create(redisUri);
        try {
            StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE);
            return new RedisEmitter(new Connection(client, redis), keyPrefix, "/");
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
    }

    /** The emitter of another namespace, on the same connection: {@code emitter.of("/admin").emit("alert")}. */
    public RedisEmitter of(String nsp) {
        return new RedisEmitter(connection, key, RedisProtocol.namespace(Objects.requireNonNull(nsp, "nsp")));
    }

    /** This emitter's namespace, e.g. {@code "/"}. */
    public String namespace() {
        return nsp;
    }

    /** Targets the sockets in these rooms: {@code emitter.to("room-1", "room-2").emit("news", item)}. */
    public RedisEmitterOperator to(String... rooms) {
        return operator().to(rooms);
    }

    /** Same as {@link #to}: {@code emitter.in("room-1").socketsJoin("room-2")}. */
    public RedisEmitterOperator in(String... rooms) {
        return operator().in(rooms);
    }

    /** Leaves out the sockets in these rooms: {@code emitter.except("banned").emit("news", item)}. */
    public RedisEmitterOperator except(String... rooms) {
        return operator().except(rooms);
    }

    /** Lets servers drop the event for clients not ready for it: {@code emitter.volatileFlag().emit("tick")}. */
    public RedisEmitterOperator volatileFlag() {
        return operator().volatileFlag();
    }

    /** Sets the compress flag: {@code emitter.compress(false).emit("blob", bytes)}. */
    public RedisEmitterOperator compress(boolean compress) {
        return operator().compress(compress);
    }

    /** Emits to every socket of the namespace ({@code byte[]} as binary): {@code emitter.emit("news", item)}. */
    public CompletableFuture<Long> emit(String event, Object... args) {
        return operator().emit(event, args);
    }

    /** Makes every socket join these rooms: {@code emitter.socketsJoin("everyone")}. */
    public CompletableFuture<Long> socketsJoin(String... rooms) {
        return operator().socketsJoin(rooms);
    }

    /** Makes every socket leave these rooms: {@code emitter.socketsLeave("lobby")}. */
    public CompletableFuture<Long> socketsLeave(String... rooms) {
        return operator().socketsLeave(rooms);
    }

    /** Disconnects every socket, closing the connection when {@code close}: {@code emitter.disconnectSockets(true)}. */
    public CompletableFuture<Long> disconnectSockets(boolean close) {
        return operator().disconnectSockets(close);
    }

    /**
     * Emits to the servers' namespace listeners ({@code io.on(event, ...)}), not to clients; no
     * acknowledgements: {@code emitter.serverSideEmit("reload", "config")}.
     */
    public CompletableFuture<Long> serverSideEmit(String event, Object... args) {
        Objects.requireNonNull(event, "event");
        var request = RedisProtocol.NODES.objectNode();
        request.put("uid", RedisProtocol.EMITTER_UID);
        request.put("type", RedisProtocol.RequestType.SERVER_SIDE_EMIT);
        request.set("data", EventPackets.eventData(event, args, RedisProtocol::toNode));
        return publish(RedisProtocol.requestChannel(key, nsp), RedisProtocol.encodeRequest(request));
    }

    /**
     * Waits (up to 2 s) for what was published to reach Redis, then closes the connection shared with every emitter
     * {@link #of} made: {@code try (RedisEmitter emitter = RedisEmitter.create(uri)) { ... }}.
     */
    @Override
    public void close() {
        connection.close();
    }

    private RedisEmitterOperator operator() {
        return new RedisEmitterOperator(this);
    }

    String key() {
        return key;
    }

    CompletableFuture<Long> publish(String channel, byte[] message) {
        if (connection.closed.get()) {
            throw new IllegalStateException("the RedisEmitter is closed");
        }
        return connection.redis.async().publish(channel.getBytes(StandardCharsets.UTF_8), message)
                .toCompletableFuture();
    }

    /** The Redis connection that an emitter and the ones {@link #of} made share. */
    private static final class Connection {
        private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);
        private final RedisClient client;
        private final StatefulRedisConnection<byte[], byte[]> redis;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(RedisClient client, StatefulRedisConnection<byte[], byte[]> redis) {
            this.client = client;
            this.redis = redis;
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                // commands run in order on the connection: once PING answers, every PUBLISH before it has too
                redis.async().ping().toCompletableFuture().get(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // Redis is unreachable: what is still queued is dropped
            } finally {
                redis.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
