package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.AllowRequest;
import io.tether.engine.CorsOptions;
import io.tether.engine.EngineOptions;
import java.util.Objects;
import java.util.Set;

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
 */
public record SocketIoOptions(EngineOptions engine, long connectTimeout, ObjectMapper objectMapper,
        int maxAttachments) {

    public SocketIoOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(objectMapper, "objectMapper");
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

        public SocketIoOptions build() {
            return new SocketIoOptions(engine.build(), connectTimeout, objectMapper, maxAttachments);
        }
    }
}
