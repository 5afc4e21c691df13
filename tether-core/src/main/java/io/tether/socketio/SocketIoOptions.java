package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.AllowRequest;
import io.tether.engine.CorsOptions;
import io.tether.engine.EngineOptions;
import io.tether.engine.TransportType;
import io.tether.socketio.adapter.AdapterFactory;
import io.tether.socketio.adapter.InMemoryAdapter;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Socket.IO server settings: the Engine.IO ones (at {@code /socket.io/} by default) and Socket.IO's own.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.builder()
 *         .pingInterval(Duration.ofSeconds(25))
 *         .connectTimeout(Duration.ofSeconds(45))
 *         .cors(CorsOptions.anyOrigin())
 *         .handlerExecution(HandlerExecution.inline())
 *         .build();
 * }</pre>
 *
 * @param engine the Engine.IO settings
 * @param connectTimeout how long a client has to join a namespace before it is disconnected
 * @param objectMapper serializes emitted arguments and binds received ones
 * @param maxAttachments the most binary attachments one packet may announce
 * @param handlerExecution where handlers run (each socket's one at a time, in order)
 * @param adapterFactory creates each namespace's {@link io.tether.socketio.adapter.Adapter}; in memory by default
 * @param connectionStateRecovery how disconnected sockets are recovered; {@link ConnectionStateRecovery#disabled()}
 *     by default
 */
public record SocketIoOptions(EngineOptions engine, Duration connectTimeout, ObjectMapper objectMapper,
        int maxAttachments, HandlerExecution handlerExecution, AdapterFactory adapterFactory,
        ConnectionStateRecovery connectionStateRecovery) {

    public SocketIoOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(objectMapper, "objectMapper");
        Objects.requireNonNull(handlerExecution, "handlerExecution");
        Objects.requireNonNull(adapterFactory, "adapterFactory");
        Objects.requireNonNull(connectionStateRecovery, "connectionStateRecovery");
        if (connectTimeout.toMillis() <= 0) {
            throw new IllegalArgumentException("connectTimeout must be at least a millisecond: " + connectTimeout);
        }
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must not be negative: " + maxAttachments);
        }
    }

    /** Node's defaults. */
    public static SocketIoOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine.toBuilder();
        b.connectTimeout = connectTimeout;
        b.objectMapper = objectMapper;
        b.maxAttachments = maxAttachments;
        b.handlerExecution = handlerExecution;
        b.adapterFactory = adapterFactory;
        b.connectionStateRecovery = connectionStateRecovery;
        return b;
    }

    /** Builds {@link SocketIoOptions}; the Engine.IO setters are {@link EngineOptions.Builder}'s. */
    public static final class Builder {
        private EngineOptions.Builder engine = EngineOptions.builder().path("/socket.io/");
        private Duration connectTimeout = Duration.ofSeconds(45);
        private ObjectMapper objectMapper = new ObjectMapper();
        private int maxAttachments = 100;
        private HandlerExecution handlerExecution = HandlerExecution.automatic();
        private AdapterFactory adapterFactory = InMemoryAdapter::new;
        private ConnectionStateRecovery connectionStateRecovery = ConnectionStateRecovery.disabled();

        private Builder() {}

        /** The URL path, {@code /socket.io/} by default. */
        public Builder path(String path) {
            engine.path(path);
            return this;
        }

        public Builder pingInterval(Duration interval) {
            engine.pingInterval(interval);
            return this;
        }

        public Builder pingTimeout(Duration timeout) {
            engine.pingTimeout(timeout);
            return this;
        }

        public Builder maxHttpBufferSize(long bytes) {
            engine.maxHttpBufferSize(bytes);
            return this;
        }

        public Builder upgradeTimeout(Duration timeout) {
            engine.upgradeTimeout(timeout);
            return this;
        }

        public Builder closeTimeout(Duration timeout) {
            engine.closeTimeout(timeout);
            return this;
        }

        public Builder allowEIO3(boolean allow) {
            engine.allowEIO3(allow);
            return this;
        }

        public Builder transports(Set<TransportType> transports) {
            engine.transports(transports);
            return this;
        }

        public Builder transports(TransportType first, TransportType... more) {
            engine.transports(first, more);
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

        /** How long a client has to join a namespace, 45 s by default. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = objectMapper;
            return this;
        }

        /** The most binary attachments one packet may announce, 100 by default. */
        public Builder maxAttachments(int maxAttachments) {
            this.maxAttachments = maxAttachments;
            return this;
        }

        /** Where handlers run; {@link HandlerExecution#automatic()} by default. */
        public Builder handlerExecution(HandlerExecution execution) {
            this.handlerExecution = execution;
            return this;
        }

        /** Creates each namespace's adapter (e.g. a Redis one for a cluster). */
        public Builder adapter(AdapterFactory factory) {
            this.adapterFactory = factory;
            return this;
        }

        /** Lets clients that reconnect in time recover their socket; disabled by default. */
        public Builder connectionStateRecovery(ConnectionStateRecovery recovery) {
            this.connectionStateRecovery = recovery;
            return this;
        }

        public SocketIoOptions build() {
            return new SocketIoOptions(engine.build(), connectTimeout, objectMapper, maxAttachments, handlerExecution,
                    adapterFactory, connectionStateRecovery);
        }
    }
}
