package io.tether.netty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client from the JDK that speaks no Engine.IO by itself: the test sends and reads raw Engine.IO
 * frames ({@code "40"}, {@code "2"}, ...). It never answers Engine.IO pings unless the test does.
 */
final class RawWebSocket {
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private RawWebSocket(URI uri) {
        Listener listener = new Listener();
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener)
                .orTimeout(JavaClientTestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    static RawWebSocket open(URI uri) {
        return new RawWebSocket(uri);
    }

    /** Sends one text frame and waits until it is written. */
    RawWebSocket send(String text) {
        ws.sendText(text, true).orTimeout(JavaClientTestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    /** Sends one binary frame and waits until it is written. */
    RawWebSocket sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true)
                .orTimeout(JavaClientTestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    /** The next text frame from the server; fails if none comes in time. */
    String nextText() {
        try {
            String text = texts.poll(JavaClientTestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no text frame within " + JavaClientTestSupport.TIMEOUT);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next text frame that starts with a prefix, skipping others (such as pings). */
    String nextTextStartingWith(String prefix) {
        while (true) {
            String text = nextText();
            if (text.startsWith(prefix)) {
                return text;
            }
        }
    }

    /** Completes with the close status code when the server closes the connection (or it fails: -1). */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    void abort() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
