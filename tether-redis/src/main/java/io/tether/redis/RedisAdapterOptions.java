package io.tether.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisAdapter} reaches Redis.
 *
 * <pre>{@code
 * RedisAdapterOptions.builder("redis://127.0.0.1:6379").key("my-app").requestsTimeout(Duration.ofSeconds(2)).build();
 * }</pre>
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
        if (commandTimeout.isNegative() || commandTimeout.isZero()
                || requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The defaults for this Redis URI. */
    public static RedisAdapterOptions of(String redisUri) {
        return builder(redisUri).build();
    }

    /** A builder starting from the defaults for this Redis URI. */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(redisUri);
        b.key = key;
        b.requestQueueSize = requestQueueSize;
        b.commandTimeout = commandTimeout;
        b.requestsTimeout = requestsTimeout;
        return b;
    }

    /** Builds {@link RedisAdapterOptions}. */
    public static final class Builder {
        private final String redisUri;
        private String key = RedisProtocol.DEFAULT_KEY;
        private int requestQueueSize = 10_000;
        private Duration commandTimeout = Duration.ofSeconds(5);
        private Duration requestsTimeout = Duration.ofSeconds(5);

        private Builder(String redisUri) {
            this.redisUri = redisUri;
        }

        /** The channel prefix, {@code socket.io} by default. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** How many Redis commands may wait per connection, 10,000 by default. */
        public Builder requestQueueSize(int size) {
            this.requestQueueSize = size;
            return this;
        }

        /** How long a publish may wait for Redis, 5 s by default. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** How long a request waits for the other nodes' answers, 5 s by default. */
        public Builder requestsTimeout(Duration timeout) {
            this.requestsTimeout = timeout;
            return this;
        }

        public RedisAdapterOptions build() {
            return new RedisAdapterOptions(redisUri, key, requestQueueSize, commandTimeout, requestsTimeout);
        }
    }
}
