package io.tether.engine;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The parts of an HTTP request (a poll, a post or a WebSocket upgrade) that Engine.IO looks at.
 *
 * @param method the HTTP method, upper case
 * @param url the request target as sent, path and query
 * @param query the query parameters (first value of each)
 * @param headers the headers, names in lower case, repeated values joined by {@code ", "}
 * @param remoteAddress the peer's address
 * @param secure whether the connection is TLS
 */
public record EngineRequest(String method, String url, Map<String, String> query, Map<String, String> headers,
        InetSocketAddress remoteAddress, boolean secure) {

    public EngineRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** A header by its lower-case name, or null. */
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
