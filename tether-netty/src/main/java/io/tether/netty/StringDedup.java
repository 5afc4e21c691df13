package io.tether.netty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares one instance of the request strings that repeat from connection to connection (header names, the
 * Socket.IO path, {@code EIO=4}, {@code websocket}, the host), since every session keeps its handshake request
 * for its whole life. Values that are unique per connection are never cached, and the cache stops growing at
 * {@value #LIMIT} entries, so hostile input cannot grow it.
 */
final class StringDedup {
    static final int LIMIT = 4096;
    private static final int MAX_LENGTH = 256;
    /** Headers whose values are unique per connection or secret. */
    private static final Set<String> UNIQUE_HEADERS = Set.of(
            "sec-websocket-key", "cookie", "authorization", "proxy-authorization", "x-request-id", "content-length");
    /** Query parameters whose values are unique per request. */
    private static final Set<String> UNIQUE_PARAMETERS = Set.of("sid", "t", "token", "auth");

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();

    /** The shared instance of {@code value}, or {@code value} itself when it is not worth sharing. */
    String of(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        String shared = cache.get(value);
        if (shared != null) {
            return shared;
        }
        if (cache.size() >= LIMIT) {
            return value;
        }
        shared = cache.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    String headerValue(String lowerCaseName, String value) {
        return UNIQUE_HEADERS.contains(lowerCaseName) ? value : of(value);
    }

    String parameterValue(String name, String value) {
        return UNIQUE_PARAMETERS.contains(name) ? value : of(value);
    }
}
