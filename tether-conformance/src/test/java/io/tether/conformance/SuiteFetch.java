package io.tether.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The protocol suites' {@code fetch}, on the JDK HTTP client (HTTP/1.1 with keep-alive, as node-fetch). A string
 * body goes as {@code text/plain;charset=UTF-8}, as node-fetch sends it.
 */
final class SuiteFetch {
    /** Longer than the longest poll a suite waits for (a ping, 300 ms after the previous one). */
    static final Duration WAIT = Duration.ofSeconds(5);

    /** What a test reads of a response. */
    record Response(int statusCode, String body) { }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT)
            // one thread: exchanges start in the order they are sent
            .executor(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "suite-fetch");
                thread.setDaemon(true);
                return thread;
            }))
            .build();

    /** The client, also used to open the WebSockets. */
    HttpClient client() {
        return client;
    }

    /** {@code await fetch(url)}. */
    Response get(String url) throws IOException {
        return join(getAsync(url));
    }

    /** {@code await fetch(url, { method: "post", body })}. */
    Response post(String url, String body) throws IOException {
        return join(postAsync(url, body));
    }

    /** {@code await fetch(url, { method })}, without a body. */
    Response withoutBody(String method, String url) throws IOException {
        return join(sendAsync(method, url, BodyPublishers.noBody(), null));
    }

    /** {@code fetch(url)}, not awaited. */
    CompletableFuture<Response> getAsync(String url) {
        return sendAsync("GET", url, BodyPublishers.noBody(), null);
    }

    /** {@code fetch(url, { method: "post", body })}, not awaited. */
    CompletableFuture<Response> postAsync(String url, String body) {
        return sendAsync("POST", url, BodyPublishers.ofString(body), "text/plain;charset=UTF-8");
    }

    /**
     * A connection of its own, for the suites' concurrent pairs ({@code Promise.all([fetch(GET), fetch(POST)])})
     * where the GET must reach the server first. node-fetch writes the GET first, in the same tick; the JDK
     * client, though, writes each request from its selector thread in no fixed order (measured: the POST
     * overtook the GET about once in 200 pairs), and cannot tell when a request without a body has been
     * written. On this connection a plain HTTP/1.1 GET is written, and flushed, before
     * {@link KeepAliveConnection#getAsync} returns. Use it for the session's handshake too, as node-fetch's
     * keep-alive agent would: the server has then registered the connection before the GET is written on it.
     */
    KeepAliveConnection connection(String url) throws IOException {
        return new KeepAliveConnection(URI.create(url));
    }

    /** A keep-alive HTTP/1.1 connection for GETs, one at a time. */
    static final class KeepAliveConnection implements AutoCloseable {
        private final Socket socket;
        private final String host;
        private CompletableFuture<Response> pending = CompletableFuture.completedFuture(null);

        private KeepAliveConnection(URI uri) throws IOException {
            this.host = uri.getHost() + ":" + uri.getPort();
            this.socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout((int) WAIT.toMillis() * 2);
        }

        /** {@code await fetch(url)}. */
        Response get(String url) throws IOException {
            return join(getAsync(url));
        }

        /** {@code fetch(url)}, not awaited; the request has been written when this returns. */
        CompletableFuture<Response> getAsync(String url) throws IOException {
            if (!pending.isDone()) {
                throw new IllegalStateException("a GET is still waiting on this connection");
            }
            URI uri = URI.create(url);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "Accept: */*\r\n"
                    + "Connection: keep-alive\r\n"
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return readResponse(socket.getInputStream());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return pending;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        int length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        if (length >= 0 && body.length < length) {
            throw new IOException("connection closed after " + body.length + " of " + length + " bytes");
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int c = in.read(); ; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (previous == '\r' && c == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
            previous = c;
        }
    }

    private CompletableFuture<Response> sendAsync(String method, String url, BodyPublisher body,
            String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.sendAsync(request.build(), BodyHandlers.ofString())
                .thenApply(response -> new Response(response.statusCode(), response.body()));
    }

    /**
     * Waits for a response. A failed exchange (e.g. the server closed the connection) is an IOException; no
     * answer in time is an {@link java.net.http.HttpTimeoutException} (an IOException too) or an AssertionError.
     */
    static Response join(CompletableFuture<Response> response) throws IOException {
        try {
            return response.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause()
                    : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new AssertionError("request failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new AssertionError("no response within " + WAIT.multipliedBy(2), e);
        }
    }
}
