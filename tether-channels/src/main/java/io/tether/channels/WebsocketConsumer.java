package io.tether.channels;

import io.tether.channels.layer.ChannelLayer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One WebSocket connection's consumer, with Django Channels' lifecycle: {@link #connect()} accepts or rejects,
 * {@link #receive(String)} and {@link #receive(byte[])} handle frames, {@link #disconnect(int)} comes last. A new
 * instance serves each connection, and its methods run one at a time in arrival order (they may block).
 *
 * <p>Layer messages are dispatched by their {@code type} to handlers the consumer registers with
 * {@link #on(String, MessageHandler)}, usually in its constructor. As in Channels, dots in a type become
 * underscores, so a message of type {@code chat.message} or {@code chat_message} reaches the handler registered for
 * {@code chat_message} (registering {@code chat.message} is the same). Registration instead of a method-name
 * convention: no reflection, so consumers need not open their packages, and a typo fails in one place.
 *
 * <p>The commands ({@code accept}, {@code send}, {@code close}) belong to the consumer's own handlers: call them from
 * its methods and message handlers, not from other threads; other code reaches a consumer through its channel
 * ({@code layer.send(channelName, message)}).
 *
 * <pre>{@code
 * class ChatConsumer extends WebsocketConsumer {
 *     ChatConsumer() { on("chat_message", event -> send((String) event.get("message"))); }
 *     protected void connect() { groupAdd("chat_" + scope().pathParameters().get("room")); accept(); }
 *     protected void receive(String text) { groupSend("chat_lobby", Map.of("type", "chat.message", "message", text)); }
 * }
 * }</pre>
 */
public abstract class WebsocketConsumer {

    private final Map<String, MessageHandler> handlers = new HashMap<>();
    private ConsumerSession session;

    /** A consumer; subclasses register their message handlers in their constructors. */
    protected WebsocketConsumer() {
    }

    // ---- the lifecycle, overridden by applications

    /** The client asks to connect: call {@link #accept()}, or {@link #close(int)} to reject. Accepts by default. */
    protected void connect() {
        accept();
    }

    /** A text frame arrived. Ignored by default. */
    protected void receive(String text) {
    }

    /** A binary frame arrived. Ignored by default. */
    protected void receive(byte[] bytes) {
    }

    /** The connection closed with this code; the last call this consumer gets. Nothing by default. */
    protected void disconnect(int code) {
    }

    // ---- commands

    /** Accepts the connection without a subprotocol. */
    protected final void accept() {
        session().accept(null);
    }

    /** Accepts the connection with one of the subprotocols the client offered ({@link Scope#subprotocols()}). */
    protected final void accept(String subprotocol) {
        session().accept(Objects.requireNonNull(subprotocol, "subprotocol"));
    }

    /** Sends a text frame. */
    protected final void send(String text) {
        session().sendText(Objects.requireNonNull(text, "text"));
    }

    /** Sends a binary frame. */
    protected final void send(byte[] bytes) {
        session().sendBytes(Objects.requireNonNull(bytes, "bytes"));
    }

    /** Closes the connection normally (1000), or rejects it if it is not accepted yet. */
    protected final void close() {
        close(1000);
    }

    /** Closes the connection with a code, or rejects it with that code if it is not accepted yet. */
    protected final void close(int code) {
        session().close(code);
    }

    /** Adds this consumer's channel to a group. */
    protected final void groupAdd(String group) {
        channelLayer().groupAdd(group, channelName());
    }

    /** Removes this consumer's channel from a group. */
    protected final void groupDiscard(String group) {
        channelLayer().groupDiscard(group, channelName());
    }

    /** Sends a message (with a {@code type}) to every consumer of a group, this one included if it is a member. */
    protected final void groupSend(String group, Map<String, Object> message) {
        channelLayer().groupSend(group, message);
    }

    /** Registers the handler of layer messages of a type ({@code chat.message} and {@code chat_message} alike). */
    protected final void on(String type, MessageHandler handler) {
        handlers.put(normalize(type), Objects.requireNonNull(handler, "handler"));
    }

    // ---- what the consumer knows

    /** The connection's scope. */
    public final Scope scope() {
        return session().scope();
    }

    /** This consumer's own channel: a layer message sent to it reaches this consumer's handlers. */
    public final String channelName() {
        return session().channelName();
    }

    /** The application's channel layer, to send to any channel or group. */
    public final ChannelLayer channelLayer() {
        return session().layer();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (session == null ? "" : "[" + session.channelName() + " "
                + session.scope().path() + "]");
    }

    // ---- for ConsumerSession

    final void attach(ConsumerSession attached) {
        if (session != null) {
            throw new IllegalStateException(this + " already serves a connection; a route must create one per connection");
        }
        session = attached;
    }

    final Optional<MessageHandler> handler(String type) {
        return Optional.ofNullable(handlers.get(normalize(type)));
    }

    private ConsumerSession session() {
        if (session == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not connected yet (use it from connect() on)");
        }
        return session;
    }

    private static String normalize(String type) {
        return type.replace('.', '_');
    }
}
