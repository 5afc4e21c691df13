package io.tether.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.tether.socketio.adapter.Adapter;
import io.tether.socketio.adapter.AdapterContext;
import io.tether.socketio.adapter.AdapterFactory;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@link RedisAdapter}s of one Socket.IO server: they share one Redis client, one connection for
 * publishing and one pub/sub connection (as @socket.io/redis-adapter shares its pubClient and subClient). The
 * connections open with the first adapter and close with the last one ({@link Adapter#close()}, called by
 * {@code SocketIoServer.close()}), or with {@link #close()}.
 *
 * <p>Lettuce reconnects by itself and subscribes again (the factory also subscribes every adapter again, for
 * namespaces created during the outage); while Redis is unreachable, publishes fail at once (no unbounded
 * buffering) and are dropped: the outage is logged once, with the count of dropped broadcasts when Redis is
 * back. A server may start while Redis is down: it serves locally and keeps trying to connect (backoff up to
 * 10 s). Lettuce itself logs each failed reconnection attempt ({@code io.lettuce.core.protocol.ConnectionWatchdog}).
 */
public final class RedisAdapterFactory implements AdapterFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisAdapterOptions options;
    /** The adapters by the pattern they subscribed to. */
    private final Map<String, RedisAdapter> adapters = new ConcurrentHashMap<>();
    /** The adapters by their request and response channels. */
    private final Map<String, RedisAdapter> byChannel = new ConcurrentHashMap<>();
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    private RedisClient client;
    private volatile boolean closing;
    private volatile StatefulRedisConnection<String, byte[]> pub;
    private volatile StatefulRedisPubSubConnection<String, byte[]> sub;
    private ScheduledExecutorService retries;
    private int connectAttempts;

    RedisAdapterFactory(RedisAdapterOptions options) {
        this.options = options;
    }

    public RedisAdapterOptions options() {
        return options;
    }

    @Override
    public synchronized Adapter create(AdapterContext context) {
        connect();
        RedisAdapter adapter = new RedisAdapter(context, this);
        if (adapters.putIfAbsent(adapter.pattern(), adapter) != null) {
            throw new IllegalStateException("a Redis adapter already serves " + adapter.pattern());
        }
        for (String channel : adapter.channels()) {
            byChannel.put(channel, adapter);
        }
        StatefulRedisPubSubConnection<String, byte[]> connection = sub;
        if (connection == null) {
            return adapter; // not connected yet: subscribed with the others once connected
        }
        try {
            connection.sync().psubscribe(adapter.pattern());
            connection.sync().subscribe(adapter.channels());
        } catch (RuntimeException e) {
            // Redis is away: the adapter serves its local sockets and subscribes when Redis is back
            log.warn("cannot subscribe namespace {} on Redis {} yet ({}): it will once Redis is back",
                    context.namespace(), options.redisUri(), e.toString());
        }
        return adapter;
    }

    private void connect() {
        if (client != null) {
            return;
        }
        closing = false;
        RedisClient created = RedisClient.create(options.redisUri());
        created.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .requestQueueSize(options.requestQueueSize())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
        created.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == pub) {
                    reachable();
                } else if (connection == sub) {
                    resubscribe();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == pub && !closing) {
                    unreachable("connection lost");
                }
            }
        });
        client = created;
        connectNow();
    }

    /** Opens the connections; when Redis is unreachable, tries again later (the nodes serve locally meanwhile). */
    private synchronized void connectNow() {
        RedisClient current = client;
        if (current == null || closing || pub != null) {
            return;
        }
        StatefulRedisConnection<String, byte[]> newPub = null;
        try {
            newPub = current.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> newSub = current.connectPubSub(CODEC);
            newSub.addListener(listener);
            sub = newSub;
            pub = newPub;
            connectAttempts = 0;
        } catch (RuntimeException e) {
            if (newPub != null) {
                newPub.close();
            }
            unreachable("cannot connect: " + e.getMessage());
            long delay = Math.min(10_000L, 250L << Math.min(connectAttempts++, 6));
            if (retries == null) {
                retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "tether-redis-connect");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            retries.schedule(this::connectNow, delay, TimeUnit.MILLISECONDS);
            return;
        }
        if (!adapters.isEmpty()) {
            resubscribe();
            reachable();
        }
    }

    private final RedisPubSubAdapter<String, byte[]> listener = new RedisPubSubAdapter<>() {
        @Override
        public void message(String pattern, String channel, byte[] message) {
            RedisAdapter adapter = adapters.get(pattern);
            if (adapter != null) {
                adapter.onBroadcastMessage(channel, message);
            }
        }

        @Override
        public void message(String channel, byte[] message) {
            RedisAdapter adapter = byChannel.get(channel);
            if (adapter != null) {
                adapter.onChannelMessage(channel, message);
            }
        }
    };

    /**
     * Subscribes again to every adapter's channels after a reconnection. Lettuce does it too for what it had
     * subscribed; this also covers namespaces created while Redis was away. Subscribing twice is harmless.
     */
    private void resubscribe() {
        StatefulRedisPubSubConnection<String, byte[]> connection = sub;
        if (connection == null || closing || adapters.isEmpty()) {
            return;
        }
        try {
            connection.async().psubscribe(adapters.keySet().toArray(String[]::new));
            connection.async().subscribe(byChannel.keySet().toArray(String[]::new));
        } catch (RuntimeException e) {
            log.debug("cannot subscribe again yet: {}", e.toString());
        }
    }

    /** Publishes without waiting; a failure (Redis unreachable, queue full, timeout) drops the message. */
    void publish(String channel, byte[] message) {
        StatefulRedisConnection<String, byte[]> connection = pub;
        if (connection == null) {
            dropped(new IllegalStateException("closed"));
            return;
        }
        try {
            connection.async().publish(channel, message).whenComplete((receivers, error) -> {
                if (error != null) {
                    dropped(error);
                } else {
                    reachable();
                }
            });
        } catch (RuntimeException e) {
            dropped(e);
        }
    }

    /** How many nodes listen on this request channel (this one included), as the Node adapter counts them. */
    CompletableFuture<Long> serverCount(String requestChannel) {
        StatefulRedisConnection<String, byte[]> connection = pub;
        if (connection == null) {
            return CompletableFuture.completedFuture(1L);
        }
        try {
            return connection.async().pubsubNumsub(requestChannel).toCompletableFuture()
                    .thenApply(counts -> counts.getOrDefault(requestChannel, 1L));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void dropped(Throwable error) {
        dropped.incrementAndGet();
        unreachable(error.toString());
    }

    private void unreachable(String reason) {
        if (outage.compareAndSet(false, true)) {
            log.warn("Redis {} unreachable ({}): broadcasts to other nodes are dropped until it is back; "
                    + "local sockets are still served", options.redisUri(), reason);
        }
    }

    private void reachable() {
        if (outage.compareAndSet(true, false)) {
            log.warn("Redis {} reachable again: {} broadcast(s) to other nodes were dropped during the outage",
                    options.redisUri(), dropped.getAndSet(0));
        }
    }

    /** Broadcasts dropped since the last outage ended (for tests and monitoring). */
    public long droppedBroadcasts() {
        return dropped.get();
    }

    synchronized void release(RedisAdapter adapter) {
        if (!adapters.remove(adapter.pattern(), adapter)) {
            return;
        }
        for (String channel : adapter.channels()) {
            byChannel.remove(channel, adapter);
        }
        if (sub != null && sub.isOpen()) {
            try {
                sub.async().punsubscribe(adapter.pattern());
                sub.async().unsubscribe(adapter.channels());
            } catch (RuntimeException e) {
                log.debug("cannot unsubscribe from {}: {}", adapter.pattern(), e.toString());
            }
        }
        releaseIfUnused();
    }

    private void releaseIfUnused() {
        if (adapters.isEmpty()) {
            close();
        }
    }

    /** Closes the Redis connections (the adapters stop reaching other nodes). */
    @Override
    public synchronized void close() {
        closing = true;
        adapters.clear();
        byChannel.clear();
        RedisClient closed = client;
        client = null;
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
        }
        if (sub != null) {
            sub.close();
            sub = null;
        }
        if (pub != null) {
            pub.close();
            pub = null;
        }
        if (closed != null) {
            closed.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
