package io.tether.channels;

import io.tether.channels.layer.ChannelLayer;
import io.tether.channels.layer.InMemoryChannelLayer;
import io.tether.channels.spi.ConsumerConnection;
import io.tether.channels.spi.WebsocketSink;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes, a channel layer and the threads consumers run on: what a network layer (or the test communicator) serves.
 *
 * <pre>{@code
 * ChannelsApplication channels = ChannelsApplication.builder()
 *     .routes(ChannelRoutes.builder().route("/ws/chat/{room}/", ChatConsumer::new).build())
 *     .build();
 * }</pre>
 */
public final class ChannelsApplication implements AutoCloseable {

    private final ChannelRoutes routes;
    private final ChannelLayer layer;
    private final Executor executor;
    private final ExecutorService ownPool;

    private ChannelsApplication(Builder builder) {
        this.routes = Objects.requireNonNull(builder.routes, "routes");
        this.layer = builder.layer != null ? builder.layer : InMemoryChannelLayer.create();
        this.ownPool = builder.executor == null ? newPool() : null;
        this.executor = builder.executor != null ? builder.executor : ownPool;
    }

    /** Options for an application. */
    public static Builder builder() {
        return new Builder();
    }

    /** The routes. */
    public ChannelRoutes routes() {
        return routes;
    }

    /** The channel layer, to {@code send} to a consumer's channel or a group from anywhere in the process. */
    public ChannelLayer layer() {
        return layer;
    }

    /** The route of a path, for a network layer to refuse unknown paths before the upgrade. */
    public Optional<RouteMatch> route(String path) {
        return routes.match(path);
    }

    /**
     * A new consumer for the scope's route, bound to a connection whose commands go to {@code sink}; empty if no
     * route matches the scope's path. The network layer then calls {@link ConsumerConnection#opened()}.
     */
    public Optional<ConsumerConnection> open(Scope scope, WebsocketSink sink) {
        return route(scope.path()).map(match ->
                bind(match.route().newConsumer(), scope.withPathParameters(match.pathParameters()), sink));
    }

    /** Binds a consumer made by the caller (not by a route) to a connection. */
    public ConsumerConnection bind(WebsocketConsumer consumer, Scope scope, WebsocketSink sink) {
        return new ConsumerSession(consumer, scope, Objects.requireNonNull(sink, "sink"), layer, executor);
    }

    /** Stops the application's own threads (not an executor it was given). */
    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.shutdown();
        }
    }

    private static ExecutorService newPool() {
        // consumers may block, so a blocked one must not hold up others: a virtual thread per task where the JVM
        // has them (21+, reached reflectively from the Java 17 baseline), else platform threads that grow with the
        // blocked consumers
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError olderJvm) {
            // fall through to platform threads
        }
        AtomicInteger threads = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tether-channels-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Builds a {@link ChannelsApplication}. */
    public static final class Builder {
        private ChannelRoutes routes;
        private ChannelLayer layer;
        private Executor executor;

        private Builder() {
        }

        /** The WebSocket routes. */
        public Builder routes(ChannelRoutes routes) {
            this.routes = routes;
            return this;
        }

        /** The channel layer; an {@link InMemoryChannelLayer} by default. */
        public Builder layer(ChannelLayer layer) {
            this.layer = layer;
            return this;
        }

        /**
         * Where consumers run (one at a time per consumer); by default virtual threads on Java 21+, else a pool of
         * daemon threads that grows with the consumers blocked at once.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The application. */
        public ChannelsApplication build() {
            return new ChannelsApplication(this);
        }
    }
}
