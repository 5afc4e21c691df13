package io.tether.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisAdapter} reaches Redis.
 *
 * @param redisUri the Redis URI, e.g. {@code redis://127.0.0.1:6379}
 * @param key the channel prefix, {@code socket.io} by default (as in @socket.io/redis-adapter); nodes with
 *     different keys form separate clusters on the same Redis
 * @param requestQueueSize at most this many Redis commands wait per connection; beyond that (and whenever
 *     Redis is unreachable) broadcasts to other nodes are dropped rather than buffered
 * @param commandTimeout how long a publish may wait for Redis before it counts as dropped
 * @param requestsTimeout how long {@code fetchSockets()} waits for the other nodes' answers (5 s, as in Node)
 */
public record RedisAdapterOptions(String redisUri, String key, int requestQueueSize, Duration commandTimeout,
        Duration requestsTimeout) {
    public static final String DEFAULT_KEY = RedisProtocol.DEFAULT_KEY;
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);

    public RedisAdapterOptions {
        Objects.requireNonNull(redisUri, "redisUri");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(requestsTimeout, "requestsTimeout");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (requestQueueSize < 1) {
            throw new IllegalArgumentException("requestQueueSize must be positive");
        }
    }

    /** Defaults for this Redis URI. */
    public static RedisAdapterOptions of(String redisUri) {
        return new RedisAdapterOptions(redisUri, DEFAULT_KEY, DEFAULT_REQUEST_QUEUE_SIZE, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_REQUESTS_TIMEOUT);
    }

    /** The same options with another channel prefix. */
    public RedisAdapterOptions withKey(String key) {
        return new RedisAdapterOptions(redisUri, key, requestQueueSize, commandTimeout, requestsTimeout);
    }

    public RedisAdapterOptions withRequestQueueSize(int size) {
        return new RedisAdapterOptions(redisUri, key, size, commandTimeout, requestsTimeout);
    }

    public RedisAdapterOptions withCommandTimeout(Duration timeout) {
        return new RedisAdapterOptions(redisUri, key, requestQueueSize, timeout, requestsTimeout);
    }

    public RedisAdapterOptions withRequestsTimeout(Duration timeout) {
        return new RedisAdapterOptions(redisUri, key, requestQueueSize, commandTimeout, timeout);
    }
}
