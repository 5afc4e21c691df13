package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.AllowRequest;
import io.tether.engine.CorsOptions;
import io.tether.engine.EngineOptions;
import io.tether.socketio.adapter.AdapterFactory;
import io.tether.socketio.adapter.InMemoryAdapter;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Socket.IO server settings: the Engine.IO ones (at {@code /socket.io/} by default) and Socket.IO's own.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.builder()
 *         .pingInterval(25_000)
 *         .connectTimeout(45_000)
 *         .cors(CorsOptions.anyOrigin())
 *         .allowEIO3(true)
 *         .build();
 * }</pre>
 *
 * @param engine the Engine.IO settings
 * @param connectTimeout milliseconds a client has to join a namespace before it is disconnected
 * @param objectMapper serializes emitted arguments and binds received ones
 * @param maxAttachments the most binary attachments one packet may announce
 * @param handlerExecutor where handlers run (each socket's one at a time, in order); null for the default:
 *     virtual threads on Java 21+, a bounded pool before
 * @param inlineHandlers whether handlers run on the connection's I/O thread (for code that never blocks)
 * @param adapterFactory creates each namespace's {@link io.tether.socketio.adapter.Adapter}; in memory by default
 * @param connectionStateRecovery how disconnected sockets are recovered, or null for never
 */
public record SocketIoOptions(EngineOptions engine, long connectTimeout, ObjectMapper objectMapper,
        int maxAttachments, Executor handlerExecutor, boolean inlineHandlers,
        AdapterFactory adapterFactory, ConnectionStateRecovery connectionStateRecovery) {

    public SocketIoOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(objectMapper, "objectMapper");
        Objects.requireNonNull(adapterFactory, "adapterFactory");
        if (connectTimeout <= 0 || maxAttachments < 0) {
            throw new IllegalArgumentException("connectTimeout must be positive, maxAttachments not negative");
        }
    }

    /** Node's defaults. */
    public static SocketIoOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SocketIoOptions}. */
    public static final class Builder {
        private final EngineOptions.Builder engine = EngineOptions.builder().path("/socket.io/");
        private long connectTimeout = 45_000;
        private ObjectMapper objectMapper = new ObjectMapper();
        private int maxAttachments = 100;
        private Executor handlerExecutor;
        private boolean inlineHandlers;
        private AdapterFactory adapterFactory = InMemoryAdapter::new;
        private ConnectionStateRecovery connectionStateRecovery;

        private Builder() {}

        /** The URL path, {@code /socket.io/} by default. */
        public Builder path(String path) {
            engine.path(path);
            return this;
        }

        public Builder pingInterval(long millis) {
            engine.pingInterval(millis);
            return this;
        }

        public Builder pingTimeout(long millis) {
            engine.pingTimeout(millis);
            return this;
        }

        public Builder maxHttpBufferSize(long bytes) {
            engine.maxHttpBufferSize(bytes);
            return this;
        }

        public Builder upgradeTimeout(long millis) {
            engine.upgradeTimeout(millis);
            return this;
        }

        public Builder allowEIO3(boolean allow) {
            engine.allowEIO3(allow);
            return this;
        }

        public Builder transports(Set<String> transports) {
            engine.transports(transports);
            return this;
        }

        public Builder allowUpgrades(boolean allow) {
            engine.allowUpgrades(allow);
            return this;
        }

        public Builder cors(CorsOptions cors) {
            engine.cors(cors);
            return this;
        }

        public Builder allowRequest(AllowRequest allowRequest) {
            engine.allowRequest(allowRequest);
            return this;
        }

        public Builder connectTimeout(long millis) {
            this.connectTimeout = millis;
            return this;
        }

        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = objectMapper;
            return this;
        }

        public Builder maxAttachments(int maxAttachments) {
            this.maxAttachments = maxAttachments;
            return this;
        }

        /** Runs handlers on this executor instead of the default (each socket's still one at a time). */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = executor;
            return this;
        }

        /** Runs handlers on the connection's I/O thread: fastest, for handlers that never block. */
        public Builder inlineHandlers(boolean inline) {
            this.inlineHandlers = inline;
            return this;
        }

        /** Creates each namespace's adapter (e.g. a Redis one for a cluster). */
        public Builder adapter(AdapterFactory factory) {
            this.adapterFactory = factory;
            return this;
        }

        /** Lets clients that reconnect in time recover their socket. */
        public Builder connectionStateRecovery(ConnectionStateRecovery recovery) {
            this.connectionStateRecovery = recovery;
            return this;
        }

        public SocketIoOptions build() {
            return new SocketIoOptions(engine.build(), connectTimeout, objectMapper, maxAttachments, handlerExecutor,
                    inlineHandlers, adapterFactory, connectionStateRecovery);
        }
    }
}
