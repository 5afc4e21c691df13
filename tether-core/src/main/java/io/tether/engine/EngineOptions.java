package io.tether.engine;

import java.util.Objects;
import java.util.Set;

/**
 * Engine.IO server settings; the defaults are Node's.
 *
 * <pre>{@code
 * EngineOptions options = EngineOptions.builder()
 *         .path("/socket.io/")
 *         .pingInterval(25_000).pingTimeout(20_000)
 *         .cors(CorsOptions.anyOrigin())
 *         .build();
 * }</pre>
 *
 * @param path the URL path the server answers on, with a trailing slash
 * @param pingInterval milliseconds between the server's pings (v4)
 * @param pingTimeout milliseconds the client has to answer a ping before the session is closed
 * @param maxHttpBufferSize the largest message or polling body accepted, in bytes
 * @param upgradeTimeout milliseconds an upgrade to WebSocket may take before it is cancelled
 * @param closeTimeout milliseconds a closing polling session waits for the client's last poll
 * @param allowEIO3 whether Engine.IO v3 clients (Socket.IO v2) may connect
 * @param transports the transports offered, among {@code polling} and {@code websocket}
 * @param allowUpgrades whether polling sessions may upgrade to WebSocket
 * @param cors cross-origin settings for polling requests
 * @param allowRequest a hook that may refuse a handshake, or null
 */
public record EngineOptions(String path, long pingInterval, long pingTimeout, long maxHttpBufferSize,
        long upgradeTimeout, long closeTimeout, boolean allowEIO3, Set<String> transports, boolean allowUpgrades,
        CorsOptions cors, AllowRequest allowRequest) {

    public static final String POLLING = "polling";
    public static final String WEBSOCKET = "websocket";

    public EngineOptions {
        path = normalizePath(path);
        transports = Set.copyOf(transports);
        Objects.requireNonNull(cors, "cors");
        if (pingInterval <= 0 || pingTimeout <= 0 || maxHttpBufferSize <= 0 || upgradeTimeout <= 0) {
            throw new IllegalArgumentException("intervals, timeouts and sizes must be positive");
        }
        for (String t : transports) {
            if (!POLLING.equals(t) && !WEBSOCKET.equals(t)) {
                throw new IllegalArgumentException("unknown transport: " + t);
            }
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

    static String normalizePath(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p : p + "/";
    }

    /** Builds {@link EngineOptions}. */
    public static final class Builder {
        private String path = "/engine.io/";
        private long pingInterval = 25_000;
        private long pingTimeout = 20_000;
        private long maxHttpBufferSize = 1_000_000;
        private long upgradeTimeout = 10_000;
        private long closeTimeout = 30_000;
        private boolean allowEIO3;
        private Set<String> transports = Set.of(POLLING, WEBSOCKET);
        private boolean allowUpgrades = true;
        private CorsOptions cors = CorsOptions.none();
        private AllowRequest allowRequest;

        private Builder() {}

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder pingInterval(long millis) {
            this.pingInterval = millis;
            return this;
        }

        public Builder pingTimeout(long millis) {
            this.pingTimeout = millis;
            return this;
        }

        public Builder maxHttpBufferSize(long bytes) {
            this.maxHttpBufferSize = bytes;
            return this;
        }

        public Builder upgradeTimeout(long millis) {
            this.upgradeTimeout = millis;
            return this;
        }

        public Builder closeTimeout(long millis) {
            this.closeTimeout = millis;
            return this;
        }

        public Builder allowEIO3(boolean allow) {
            this.allowEIO3 = allow;
            return this;
        }

        public Builder transports(Set<String> transports) {
            this.transports = transports;
            return this;
        }

        public Builder allowUpgrades(boolean allow) {
            this.allowUpgrades = allow;
            return this;
        }

        public Builder cors(CorsOptions cors) {
            this.cors = cors;
            return this;
        }

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
