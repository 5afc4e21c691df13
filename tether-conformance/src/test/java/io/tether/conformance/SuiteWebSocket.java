package io.tether.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The protocol suites' {@code new WebSocket(url)} on the JDK client: created at once, opening in the background.
 * Every incoming message is queued in arrival order (text frames as {@code String}, binary frames as
 * {@code byte[]}, partial frames joined); the end of the connection, whether a Close frame, an error or a
 * refused handshake, is queued as {@link #CLOSE}. Nothing is dropped, so {@code waitFor(socket, "message")}
 * is simply "take the next event".
 */
final class SuiteWebSocket {
    /** The "close" event. */
    static final Object CLOSE = new Object() {
        @Override
        public String toString() {
            return "<close>";
        }
    };

    /** How long one wait may take; the suites' mocha timeouts are 2 s (5 s for the heartbeat cases). */
    static final Duration WAIT = Duration.ofSeconds(5);

    private final URI uri;
    private final CompletableFuture<WebSocket> opening;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private SuiteWebSocket(HttpClient client, URI uri) {
        this.uri = uri;
        this.opening = client.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(uri, new Listener());
        opening.whenComplete((ws, error) -> {
            if (error != null) {
                events.add(CLOSE);
            }
        });
    }

    /** {@code new WebSocket(url)}. */
    static SuiteWebSocket connect(HttpClient client, String url) {
        return new SuiteWebSocket(client, URI.create(url));
    }

    /** The opening handshake: completes with the socket, or exceptionally when the server refuses it. */
    CompletableFuture<WebSocket> opening() {
        return opening;
    }

    /** {@code await waitFor(socket, "open")}. */
    WebSocket waitForOpen() {
        try {
            return opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening " + uri, e);
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket " + uri + " did not open: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("WebSocket " + uri + " did not open within " + WAIT, e);
        }
    }

    /** {@code (await waitFor(socket, "message")).data}: a {@code String} or a {@code byte[]}. */
    Object waitForMessage() {
        Object event = nextEvent("a message");
        if (event == CLOSE) {
            fail("the connection closed while waiting for a message on " + uri);
        }
        return event;
    }

    /** {@code await waitFor(socket, "close")}: messages received meanwhile are passed over, as in the suites. */
    void waitForClose() {
        while (nextEvent("the connection to close") != CLOSE) {
            // a message: the suites' "close" listener does not see it
        }
    }

    /** The suite's {@code waitForPackets(socket, count)}: the next messages, ping packets ("2") left out. */
    List<Object> waitForPackets(int count) {
        List<Object> packets = new ArrayList<>();
        while (packets.size() < count) {
            Object data = waitForMessage();
            if ("2".equals(data)) {
                continue;
            }
            packets.add(data);
        }
        return packets;
    }

    /** {@code socket.send(text)}. */
    void send(String text) {
        join(waitForOpen().sendText(text, true));
    }

    /** {@code socket.send(Uint8Array.from(bytes))}. */
    void send(byte[] bytes) {
        join(waitForOpen().sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** {@code socket.close()}. */
    void close() {
        WebSocket ws = openedSocket();
        if (ws != null && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                ws.abort();
            }
        }
    }

    /** Drops the connection, whatever its state; for clean-up after a test. */
    void abort() {
        opening.cancel(true);
        WebSocket ws = openedSocket();
        if (ws != null) {
            ws.abort();
        }
    }

    /** The socket if the opening handshake succeeded, else null. */
    private WebSocket openedSocket() {
        return opening.isDone() && !opening.isCompletedExceptionally() ? opening.join() : null;
    }

    private Object nextEvent(String what) {
        try {
            Object event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                fail("waited " + WAIT + " for " + what + " on " + uri + ", in vain");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    private void join(CompletableFuture<WebSocket> sending) {
        try {
            sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending on " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not send on " + uri + ": " + e, e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(CLOSE);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(CLOSE);
        }
    }
}
