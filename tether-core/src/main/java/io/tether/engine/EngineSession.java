package io.tether.engine;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One Engine.IO session (a {@code sid}) as an application sees it: who it is, what it receives, and how to send
 * to it and close it. Its state lives on its {@link EngineLoop}; the methods documented as thread-safe may be
 * called from any thread.
 *
 * <pre>{@code
 * engine.onConnection(session -> {
 *     session.onMessage(packet -> session.send(packet));          // echo
 *     session.onClose((reason, description) -> log.info(reason));
 * });
 * }</pre>
 */
public interface EngineSession {
    /** Close reasons, with Node's names. */
    String TRANSPORT_CLOSE = "transport close";
    String TRANSPORT_ERROR = "transport error";
    String PING_TIMEOUT = "ping timeout";
    String PARSE_ERROR = "parse error";
    String FORCED_CLOSE = "forced close";

    /** The session id ({@code sid}). */
    String id();

    /** The Engine.IO protocol version the client speaks: 3 or 4. */
    int protocol();

    /** The handshake request. */
    EngineRequest request();

    /** The transport in use. */
    TransportType transportType();

    /** Whether the session is open (not closing or closed). */
    boolean isOpen();

    /** Whether this session moved from polling to WebSocket. */
    boolean upgraded();

    /** The loop this session's state lives on. */
    EngineLoop loop();

    /** Queues a packet for the client. Thread-safe. */
    void send(EnginePacket packet);

    /** Queues packets for the client; they leave together, in order. Thread-safe. */
    void send(List<EnginePacket> packets);

    /**
     * Sends packets only if the transport can take them right now (nothing queued, a writable transport that is
     * not backed up); otherwise drops them. For volatile broadcasts. Thread-safe.
     */
    void sendVolatile(List<EnginePacket> packets);

    /** Closes the session after the queued packets have left. Thread-safe. */
    void close();

    /** Closes the session at once with a reason; the transport is closed and listeners are told. Thread-safe. */
    void closeNow(String reason);

    /** Sets the listener for the client's message packets (text or binary); it runs on the loop. */
    void onMessage(Consumer<EnginePacket> listener);

    /** Sets the listener told once, with a reason and a description, when the session closes. */
    void onClose(BiConsumer<String, String> listener);
}
