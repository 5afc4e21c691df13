package io.tether.channels.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.channels.ChannelsApplication;
import io.tether.channels.Scope;
import io.tether.channels.spi.ConsumerConnection;
import io.tether.channels.spi.WebsocketSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An in-process WebSocket client for one consumer of an application, as Channels' {@code WebsocketCommunicator}:
 * no network, the consumer's own routing, scope and execution. Failed expectations throw {@link AssertionError}.
 *
 * <pre>{@code
 * var chat = new WebsocketCommunicator(application, "/ws/chat/lobby/");
 * assertThat(chat.connect().accepted()).isTrue();
 * chat.sendJson(Map.of("message", "hello"));
 * assertThat(chat.receiveJson().get("message").asText()).isEqualTo("hello");
 * chat.disconnect();
 * }</pre>
 */
public final class WebsocketCommunicator implements AutoCloseable {

    /** How long the receive methods without a timeout wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ConsumerConnection connection;
    private final CompletableFuture<ConnectResult> handshake = new CompletableFuture<>();
    private final BlockingQueue<Output> output = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /** A communicator for the consumer routed at a path (with an optional {@code ?query}). */
    public WebsocketCommunicator(ChannelsApplication application, String pathAndQuery) {
        this(application, Scope.builder(pathAndQuery).build());
    }

    /** A communicator for the consumer routed at the scope's path, with the scope's headers, user and so on. */
    public WebsocketCommunicator(ChannelsApplication application, Scope scope) {
        this.connection = application.open(scope, new Sink())
                .orElseThrow(() -> new IllegalArgumentException("no route matches " + scope.path()));
    }

    /** What the consumer sends: a text frame, a binary frame, or the close of the connection. */
    public sealed interface Output {
        /** A text frame. */
        record Text(String text) implements Output {
        }

        /** A binary frame. */
        record Bytes(byte[] bytes) implements Output {
            @Override
            public String toString() {
                return "Bytes" + Arrays.toString(bytes);
            }
        }

        /** The consumer closed the connection with this code. */
        record Close(int code) implements Output {
        }
    }

    /** Connects and waits for the consumer's answer for {@link #DEFAULT_TIMEOUT}. */
    public ConnectResult connect() {
        return connect(DEFAULT_TIMEOUT);
    }

    /** Connects and waits for the consumer to accept or reject. */
    public ConnectResult connect(Duration timeout) {
        connection.opened();
        try {
            return handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException silent) {
            throw new AssertionError("the consumer neither accepted nor rejected within " + timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while connecting", interrupted);
        } catch (ExecutionException impossible) {
            throw new AssertionError(impossible.getCause());
        }
    }

    /** Sends a text frame. */
    public void sendText(String text) {
        connection.text(text);
    }

    /** Sends a binary frame. */
    public void sendBytes(byte[] bytes) {
        connection.bytes(bytes.clone());
    }

    /** Sends a value as JSON in a text frame. */
    public void sendJson(Object value) {
        try {
            sendText(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException unencodable) {
            throw new UncheckedIOException(unencodable);
        }
    }

    /** The next thing the consumer sent, waiting at most {@code timeout}. */
    public Output receiveOutput(Duration timeout) {
        try {
            Output next = output.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("the consumer sent nothing within " + timeout);
            }
            return next;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while receiving", interrupted);
        }
    }

    /** The next text frame, within {@link #DEFAULT_TIMEOUT}. */
    public String receiveText() {
        return receiveText(DEFAULT_TIMEOUT);
    }

    /** The next text frame; anything else sent first fails. */
    public String receiveText(Duration timeout) {
        return expect(Output.Text.class, timeout).text();
    }

    /** The next binary frame, within {@link #DEFAULT_TIMEOUT}. */
    public byte[] receiveBytes() {
        return receiveBytes(DEFAULT_TIMEOUT);
    }

    /** The next binary frame; anything else sent first fails. */
    public byte[] receiveBytes(Duration timeout) {
        return expect(Output.Bytes.class, timeout).bytes();
    }

    /** The next text frame decoded as JSON, within {@link #DEFAULT_TIMEOUT}. */
    public JsonNode receiveJson() {
        return receiveJson(DEFAULT_TIMEOUT);
    }

    /** The next text frame decoded as JSON. */
    public JsonNode receiveJson(Duration timeout) {
        String text = receiveText(timeout);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException malformed) {
            throw new AssertionError("the consumer sent text that is not JSON: " + text, malformed);
        }
    }

    /** The code the consumer closed the connection with; anything else sent first fails. */
    public int receiveClose(Duration timeout) {
        return expect(Output.Close.class, timeout).code();
    }

    /** True if the consumer sends nothing within {@code timeout}; what it does send stays to be received. */
    public boolean receiveNothing(Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return output.isEmpty();
    }

    /** Closes the connection normally (1000) and waits until the consumer's disconnect has run. */
    public void disconnect() {
        disconnect(1000);
    }

    /** Closes the connection with a code and waits until the consumer's disconnect has run. */
    public void disconnect(int code) {
        closed = true;
        try {
            connection.closed(code).toCompletableFuture().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            throw new AssertionError("the consumer's disconnect did not end within " + DEFAULT_TIMEOUT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            throw new AssertionError(impossible.getCause());
        }
    }

    /** Disconnects if still connected. */
    @Override
    public void close() {
        if (!closed) {
            disconnect();
        }
    }

    private <T extends Output> T expect(Class<T> kind, Duration timeout) {
        Output next = receiveOutput(timeout);
        if (!kind.isInstance(next)) {
            throw new AssertionError("expected " + kind.getSimpleName() + " but the consumer sent " + next);
        }
        return kind.cast(next);
    }

    private final class Sink implements WebsocketSink {
        @Override
        public void accept(String subprotocol) {
            handshake.complete(ConnectResult.accepted(subprotocol));
        }

        @Override
        public void sendText(String text) {
            output.add(new Output.Text(text));
        }

        @Override
        public void sendBytes(byte[] bytes) {
            output.add(new Output.Bytes(bytes.clone()));
        }

        @Override
        public void close(int code) {
            if (!handshake.complete(ConnectResult.rejected(code))) {
                output.add(new Output.Close(code));
            }
            // the client side of the closing handshake: the consumer hears its own close as a disconnect
            closed = true;
            connection.closed(code);
        }
    }
}
