package io.tether.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO server settings; the defaults are Node's.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *         .path("/socket.io/")
 *         .pingInterval(Duration.ofSeconds(25)).pingTimeout(Duration.ofSeconds(20))
 *         .cors(CorsOptions.anyOrigin())
 *         .build();
 * }</pre>
 *
 * @param path the URL path the server answers on, with a trailing slash
 * @param pingInterval the time between the server's pings (v4)
 * @param pingTimeout how long the client has to answer a ping before the session is closed
 * @param maxHttpBufferSize the largest message or polling body accepted, in bytes
 * @param upgradeTimeout how long an upgrade to WebSocket may take before it is cancelled
 * @param closeTimeout how long a closing polling session waits for the client's last poll
 * @param allowEIO3 whether Engine.IO v3 clients (Socket.IO v2) may connect
 * @param transports the transports offered (at least one)
 * @param allowUpgrades whether polling sessions may upgrade to WebSocket
 * @param cors cross-origin settings for polling requests
 * @param allowRequest a hook that may refuse a handshake; {@link AllowRequest#allowAll()} by default
 */
public record EngineOptions(String path, Duration pingInterval, Duration pingTimeout, long maxHttpBufferSize,
        Duration upgradeTimeout, Duration closeTimeout, boolean allowEIO3, Set<TransportType> transports,
        boolean allowUpgrades, CorsOptions cors, AllowRequest allowRequest) {

    public EngineOptions {
        path = normalizePath(path);
        transports = Set.copyOf(transports);
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(allowRequest, "allowRequest");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(upgradeTimeout, "upgradeTimeout");
        requirePositive(closeTimeout, "closeTimeout");
        if (maxHttpBufferSize <= 0) {
            throw new IllegalArgumentException("maxHttpBufferSize must be positive: " + maxHttpBufferSize);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport must be offered");
        }
    }

    /** Node's defaults at {@code /engine.io/}. */
    public static EngineOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.upgradeTimeout = upgradeTimeout;
        b.closeTimeout = closeTimeout;
        b.allowEIO3 = allowEIO3;
        b.transports = transports;
        b.allowUpgrades = allowUpgrades;
        b.cors = cors;
        b.allowRequest = allowRequest;
        return b;
    }

    /** Whether a polling session may offer the client an upgrade to WebSocket. */
    public boolean offersUpgrade() {
        return allowUpgrades && transports.contains(TransportType.WEBSOCKET);
    }

    static String normalizePath(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p : p + "/";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        // the loop schedules in whole milliseconds: anything shorter would fire at once
        if (duration.toMillis() <= 0) {
            throw new IllegalArgumentException(name + " must be at least a millisecond: " + duration);
        }
    }

    /** Builds {@link EngineOptions}. */
    public static final class Builder {
        private String path = "/engine.io/";
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private long maxHttpBufferSize = 1_000_000;
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private boolean allowEIO3;
        private Set<TransportType> transports = EnumSet.allOf(TransportType.class);
        private boolean allowUpgrades = true;
        private CorsOptions cors = CorsOptions.none();
        private AllowRequest allowRequest = AllowRequest.allowAll();

        private Builder() {}

        /** The URL path; a missing leading or trailing slash is added. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The time between the server's pings, 25 s by default. */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = interval;
            return this;
        }

        /** How long a ping may go unanswered, 20 s by default. */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = timeout;
            return this;
        }

        /** The largest message or polling body accepted, 1 MB by default. */
        public Builder maxHttpBufferSize(long bytes) {
            this.maxHttpBufferSize = bytes;
            return this;
        }

        /** How long an upgrade to WebSocket may take, 10 s by default. */
        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = timeout;
            return this;
        }

        /** How long a closing polling session waits for the last poll, 30 s by default. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = timeout;
            return this;
        }

        /** Whether Engine.IO v3 clients may connect; off by default. */
        public Builder allowEIO3(boolean allow) {
            this.allowEIO3 = allow;
            return this;
        }

        /** The transports offered; both by default. */
        public Builder transports(Set<TransportType> transports) {
            this.transports = transports;
            return this;
        }

        /** The transports offered; both by default. */
        public Builder transports(TransportType first, TransportType... more) {
            return transports(EnumSet.of(first, more));
        }

        /** Whether polling sessions may upgrade to WebSocket; on by default. */
        public Builder allowUpgrades(boolean allow) {
            this.allowUpgrades = allow;
            return this;
        }

        /** Cross-origin settings; none by default. */
        public Builder cors(CorsOptions cors) {
            this.cors = cors;
            return this;
        }

        /** A hook that may refuse handshakes; every one is allowed by default. */
        public Builder allowRequest(AllowRequest allowRequest) {
            this.allowRequest = allowRequest;
            return this;
        }

        public EngineOptions build() {
            return new EngineOptions(path, pingInterval, pingTimeout, maxHttpBufferSize, upgradeTimeout, closeTimeout,
                    allowEIO3, transports, allowUpgrades, cors, allowRequest);
        }
    }
}
