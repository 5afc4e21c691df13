package io.tether.channels;

import io.tether.channels.internal.SerialExecutor;
import io.tether.channels.layer.ChannelLayer;
import io.tether.channels.spi.ConsumerConnection;
import io.tether.channels.spi.WebsocketSink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer bound to its connection: the events the network layer hands in and the layer messages of its channel
 * are queued on one serial executor, so the consumer sees them one at a time in arrival order.
 */
final class ConsumerSession implements ConsumerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WebsocketConsumer.class);

    private enum State { NEW, CONNECTING, ACCEPTED, CLOSING, CLOSED }

    private final WebsocketConsumer consumer;
    private final Scope scope;
    private final WebsocketSink sink;
    private final ChannelLayer layer;
    private final SerialExecutor serial;
    private final String channelName;
    // touched by the consumer's serial tasks only, and by opened() before the first of them
    private State state = State.NEW;
    private ChannelLayer.Registration listening;

    ConsumerSession(WebsocketConsumer consumer, Scope scope, WebsocketSink sink, ChannelLayer layer,
                    Executor executor) {
        this.consumer = consumer;
        this.scope = scope;
        this.sink = sink;
        this.layer = layer;
        this.serial = new SerialExecutor(executor);
        this.channelName = layer.newChannel();
        consumer.attach(this);
    }

    @Override
    public void opened() {
        serial.execute(() -> {
            if (state != State.NEW) {
                return;
            }
            state = State.CONNECTING;
            listening = layer.listen(channelName, () -> serial.execute(this::deliverOne));
            run("connect", consumer::connect);
        });
    }

    @Override
    public void text(String text) {
        serial.execute(() -> {
            if (state == State.ACCEPTED) {
                run("receive(text)", () -> consumer.receive(text));
            }
        });
    }

    @Override
    public void bytes(byte[] bytes) {
        serial.execute(() -> {
            if (state == State.ACCEPTED) {
                run("receive(bytes)", () -> consumer.receive(bytes));
            }
        });
    }

    @Override
    public CompletionStage<Void> closed(int code) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        serial.execute(() -> {
            if (state == State.CLOSED) {
                done.complete(null);
                return;
            }
            boolean connected = state != State.NEW;
            state = State.CLOSED;
            if (listening != null) {
                listening.close();
            }
            if (connected) {
                run("disconnect", () -> consumer.disconnect(code));
            }
            done.complete(null);
        });
        return done;
    }

    Scope scope() {
        return scope;
    }

    String channelName() {
        return channelName;
    }

    ChannelLayer layer() {
        return layer;
    }

    void accept(String subprotocol) {
        if (state == State.CONNECTING) {
            state = State.ACCEPTED;
            sink.accept(subprotocol);
        } else if (state == State.ACCEPTED) {
            LOG.warn("{} accepted a connection it had already accepted", consumer);
        }
    }

    void sendText(String text) {
        if (sendable("text")) {
            sink.sendText(text);
        }
    }

    void sendBytes(byte[] bytes) {
        if (sendable("bytes")) {
            sink.sendBytes(bytes);
        }
    }

    void close(int code) {
        if (state == State.CONNECTING || state == State.ACCEPTED) {
            state = State.CLOSING;
            sink.close(code);
        }
    }

    private boolean sendable(String what) {
        return switch (state) {
            case ACCEPTED -> true;
            case NEW, CONNECTING -> throw new IllegalStateException(
                    consumer + " sent " + what + " before accepting its connection");
            // the connection is going or gone: what is sent now has nobody to read it
            case CLOSING, CLOSED -> false;
        };
    }

    private void deliverOne() {
        Optional<Map<String, Object>> next = layer.receive(channelName);
        if (next.isEmpty() || state == State.CLOSED) {
            return;
        }
        Map<String, Object> message = next.get();
        Object type = message.get("type");
        if (!(type instanceof String name)) {
            LOG.error("{} received a layer message without a string type: {}", consumer, message);
            return;
        }
        Optional<MessageHandler> handler = consumer.handler(name);
        if (handler.isEmpty()) {
            LOG.error("{} has no handler for layer messages of type {}", consumer, name);
            return;
        }
        run("the handler of " + name, () -> handler.get().handle(message));
    }

    private void run(String what, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException failure) {
            // as for Socket.IO handlers: the failure is the application's, the connection lives on
            LOG.error("{} failed in {}", consumer, what, failure);
        }
    }
}
