package io.tether.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What {@code tether chat} runs with, and where each setting comes from: a command-line flag wins over an
 * environment variable, which wins over the properties file, which wins over the default.
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>flag</th><th>environment</th><th>tether.properties</th><th>default</th></tr>
 * <tr><td>{@code --host}</td><td>{@code TETHER_HOST}</td><td>{@code host}</td><td>every interface</td></tr>
 * <tr><td>{@code --port}</td><td>{@code TETHER_PORT}</td><td>{@code port}</td><td>8000</td></tr>
 * <tr><td>{@code --cors-origin} (repeatable)</td><td>{@code TETHER_CORS_ORIGIN} (comma-separated)</td>
 *     <td>{@code cors-origin} (comma-separated)</td><td>none (same origin only)</td></tr>
 * <tr><td>{@code --allow-eio3}, {@code --no-allow-eio3}</td><td>{@code TETHER_ALLOW_EIO3}</td>
 *     <td>{@code allow-eio3}</td><td>false</td></tr>
 * <tr><td>{@code --log-format}</td><td>{@code TETHER_LOG_FORMAT}</td><td>{@code log-format}</td>
 *     <td>{@value MessageLog#DEFAULT_FORMAT}</td></tr>
 * <tr><td>{@code --redis}</td><td>{@code TETHER_REDIS}</td><td>{@code redis}</td>
 *     <td>none (a single node)</td></tr>
 * </table>
 *
 * <pre>{@code
 * ChatSettings settings = ChatSettings.builder().host("127.0.0.1").port(9000).build();
 * ChatSettings anyPort = settings.toBuilder().port(0).build();
 * }</pre>
 *
 * @param host the address to listen on; empty for every interface
 * @param port the port, 0 for any free one
 * @param corsOrigins the origins allowed to call cross-origin ({@code *} for any); empty for none
 * @param allowEio3 whether Socket.IO v2 clients (Engine.IO 3) are accepted
 * @param logFormat the message log format, {@code none} for no log
 * @param redis the Redis URI ({@code redis://host:port}) whose adapter joins this node to the other chat nodes
 *     on the same Redis; empty for a single node
 */
public record ChatSettings(Optional<String> host, int port, List<String> corsOrigins, boolean allowEio3,
        String logFormat, Optional<String> redis) {
    /** The port when none is configured. */
    public static final int DEFAULT_PORT = 8000;
    /** The setting names, as in the properties file. */
    public static final Set<String> KEYS = Set.of("host", "port", "cors-origin", "allow-eio3", "log-format", "redis");

    public ChatSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(redis, "redis");
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(logFormat, "logFormat");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Every default: every interface, port 8000, no CORS, no Engine.IO 3, the default log format. */
    public static ChatSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host.orElse(null);
        b.port = port;
        b.corsOrigins = corsOrigins;
        b.allowEio3 = allowEio3;
        b.logFormat = logFormat;
        b.redis = redis.orElse(null);
        return b;
    }

    /** Builds {@link ChatSettings}. */
    public static final class Builder {
        private String host;
        private int port = DEFAULT_PORT;
        private List<String> corsOrigins = List.of();
        private boolean allowEio3;
        private String logFormat = MessageLog.DEFAULT_FORMAT;
        private String redis;

        private Builder() {}

        /** The address to listen on; every interface by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Listens on every interface again. */
        public Builder anyHost() {
            this.host = null;
            return this;
        }

        /** The port, 0 for any free one; {@value ChatSettings#DEFAULT_PORT} by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The origins allowed to call cross-origin ({@code *} for any); none by default. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = origins;
            return this;
        }

        /** Whether Socket.IO v2 clients are accepted; false by default. */
        public Builder allowEio3(boolean allow) {
            this.allowEio3 = allow;
            return this;
        }

        /** The message log format, {@code none} for no log. */
        public Builder logFormat(String format) {
            this.logFormat = format;
            return this;
        }

        /** Joins the chat nodes on this Redis ({@code redis://host:port}); a single node by default. */
        public Builder redis(String uri) {
            this.redis = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** A single node again. */
        public Builder noRedis() {
            this.redis = null;
            return this;
        }

        public ChatSettings build() {
            return new ChatSettings(Optional.ofNullable(host), port, corsOrigins, allowEio3, logFormat,
                    Optional.ofNullable(redis));
        }
    }

    /** The environment variable of a setting: {@code TETHER_} and the name in capitals, {@code -} as {@code _}. */
    public static String envName(String key) {
        return "TETHER_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A configuration value that cannot be used; its message names where it came from. */
    public static final class InvalidSetting extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidSetting(String message) {
            super(message);
        }
    }

    /**
     * The settings from three layers. Each layer maps a setting name ({@link #KEYS}) to its raw text; a
     * layer's {@code describe} names a value's origin in error messages.
     */
    static ChatSettings resolve(Layer flags, Layer env, Layer file) {
        List<Layer> layers = List.of(flags, env, file);
        String host = null;
        Value hostValue = first(layers, "host");
        if (hostValue != null) {
            String h = hostValue.text().strip();
            host = h.isEmpty() || h.equals("*") ? null : h;
        }
        int port = DEFAULT_PORT;
        Value portValue = first(layers, "port");
        if (portValue != null) {
            port = parsePort(portValue);
        }
        List<String> cors = List.of();
        Value corsValue = first(layers, "cors-origin");
        if (corsValue != null) {
            cors = splitList(corsValue.text());
        }
        boolean eio3 = false;
        Value eio3Value = first(layers, "allow-eio3");
        if (eio3Value != null) {
            eio3 = parseBoolean(eio3Value);
        }
        String logFormat = MessageLog.DEFAULT_FORMAT;
        Value formatValue = first(layers, "log-format");
        if (formatValue != null) {
            logFormat = formatValue.text();
            try {
                MessageLog.validate(logFormat);
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting(formatValue.origin() + ": " + e.getMessage());
            }
        }
        String redis = null;
        Value redisValue = first(layers, "redis");
        if (redisValue != null) {
            redis = parseRedis(redisValue);
        }
        return new ChatSettings(Optional.ofNullable(host), port, cors, eio3, logFormat, Optional.ofNullable(redis));
    }

    /** A {@code redis://} or {@code rediss://} URI with a host; blank for none. */
    private static String parseRedis(Value value) {
        String text = value.text().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("redis") || scheme.equals("rediss")) && uri.getHost() != null) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // below
        }
        throw new InvalidSetting(value.origin() + ": not a Redis URI (redis://host:port)");
    }

    private static Value first(List<Layer> layers, String key) {
        for (Layer layer : layers) {
            String text = layer.values().get(key);
            if (text != null) {
                return new Value(text, layer.describe(key, text));
            }
        }
        return null;
    }

    private static int parsePort(Value value) {
        try {
            int port = Integer.parseInt(value.text().strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidSetting(value.origin() + ": not a port number (0 to 65535)");
    }

    private static boolean parseBoolean(Value value) {
        return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new InvalidSetting(value.origin() + ": not a boolean (true or false)");
        };
    }

    private static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** A raw value and where it came from, e.g. {@code TETHER_PORT=abc}. */
    record Value(String text, String origin) { }

    /** One source of settings: setting name to raw text, and how to name a value's origin. */
    interface Layer {
        Map<String, String> values();

        String describe(String key, String text);

        /** The environment: {@code TETHER_*} variables; empty ones count as unset. */
        static Layer environment(Map<String, String> env) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : KEYS) {
                String text = env.get(envName(key));
                if (text != null && !text.isEmpty()) {
                    values.put(key, text);
                }
            }
            return new Layer() {
                @Override
                public Map<String, String> values() {
                    return values;
                }

                @Override
                public String describe(String key, String text) {
                    return envName(key) + "=" + text;
                }
            };
        }

        /**
         * A properties file's settings.
         *
         * @throws InvalidSetting for a name that is not a setting
         */
        static Layer properties(Properties properties, String fileName) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (!KEYS.contains(name)) {
                    throw new InvalidSetting(fileName + ": unknown setting '" + name
                            + "' (known: host, port, cors-origin, allow-eio3, log-format, redis)");
                }
                values.put(name, properties.getProperty(name));
            }
            return new Layer() {
                @Override
                public Map<String, String> values() {
                    return values;
                }

                @Override
                public String describe(String key, String text) {
                    return fileName + ": " + key + "=" + text;
                }
            };
        }

        /** Command-line flags, already converted to text. */
        static Layer flags(Map<String, String> values) {
            return new Layer() {
                @Override
                public Map<String, String> values() {
                    return values;
                }

                @Override
                public String describe(String key, String text) {
                    return "--" + key + " " + text;
                }
            };
        }

        /** No settings. */
        static Layer empty() {
            return flags(Map.of());
        }
    }
}
