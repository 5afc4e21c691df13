package io.tether.netty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP requests to the Engine.IO endpoint with the JDK's HttpClient (HTTP/1.1), for raw long-polling
 * sessions and for checking status codes, error bodies and headers.
 */
final class RawPolling {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private String sid;

    RawPolling(int port) {
        this.base = "http://127.0.0.1:" + port + "/socket.io/";
    }

    URI uri(String query) {
        return URI.create(base + "?" + query);
    }

    HttpResponse<String> get(String query, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(query)).timeout(JavaClientTestSupport.TIMEOUT).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> post(String query, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(query)).timeout(JavaClientTestSupport.TIMEOUT)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Opens a polling session: the handshake GET; returns the open packet's JSON. */
    JsonNode handshake() {
        HttpResponse<String> response = get("EIO=4&transport=polling");
        if (response.statusCode() != 200 || !response.body().startsWith("0")) {
            throw new AssertionError("handshake failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode open = json(response.body().substring(1));
        sid = open.get("sid").asText();
        return open;
    }

    /** Handshakes, joins the main namespace (with an auth payload, or none) and reads the CONNECT answer. */
    String connect(String authJson) {
        handshake();
        HttpResponse<String> posted = postToSession(authJson == null ? "40" : "40" + authJson);
        if (posted.statusCode() != 200) {
            throw new AssertionError("connect POST failed: " + posted.statusCode() + " " + posted.body());
        }
        return pollSession().body();
    }

    String sid() {
        return sid;
    }

    String sessionQuery() {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    HttpResponse<String> postToSession(String body) {
        return post(sessionQuery(), body);
    }

    HttpResponse<String> pollSession() {
        return get(sessionQuery());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
