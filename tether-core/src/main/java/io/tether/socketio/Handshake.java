package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * What the client sent when it connected, like Node's {@code socket.handshake}.
 *
 * @param headers the HTTP headers of the first request, names in lower case
 * @param query the query parameters of the first request
 * @param auth the CONNECT packet's payload, {@code {}} when there was none (for v2 clients, the namespace's
 *     query parameters, as in Node)
 * @param address the client's IP address
 * @param issued when the connection was made
 * @param url the first request's target
 * @param secure whether the connection uses TLS
 * @param xdomain whether the request came from another origin (an {@code Origin} header was sent)
 */
public record Handshake(Map<String, String> headers, Map<String, String> query, JsonNode auth, String address,
        Instant issued, String url, boolean secure, boolean xdomain) {

    /** When the connection was made, as text. */
    public String time() {
        return issued.toString();
    }
}
