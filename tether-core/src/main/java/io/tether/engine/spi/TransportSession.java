package io.tether.engine.spi;

import io.tether.engine.EngineLoop;
import io.tether.engine.EnginePacket;
import io.tether.engine.EngineProtocolException;
import io.tether.engine.EngineRequest;

/**
 * An Engine.IO session as a network layer sees it: packets, parse errors, closes and upgrades come in through
 * here. Every method but {@link #takeTicket} and {@link #runInOrder} must be called on {@link #loop()}, in the
 * order given by the tickets.
 *
 * <pre>{@code
 * long ticket = session.takeTicket();                  // on the thread that read the frame
 * session.runInOrder(ticket, () -> session.onPacket(transport, EngineCodec.decodeText(frame)));
 * }</pre>
 */
public interface TransportSession {
    /** The session id ({@code sid}). */
    String id();

    /** The Engine.IO protocol version the client speaks: 3 or 4. */
    int protocol();

    /** The loop this session's state lives on. */
    EngineLoop loop();

    /** The handshake request. */
    EngineRequest request();

    /**
     * Takes a place in this session's arrival order. The network layer takes one as it reads a request or a
     * frame of this session, on whatever thread reads it, and hands the work to {@link #runInOrder}. Thread-safe.
     */
    long takeTicket();

    /**
     * Runs work on the session's loop once all work with earlier tickets has run, so that requests read on
     * different connections are handled in the order they arrived. Every ticket taken must come here.
     * Thread-safe.
     */
    void runInOrder(long ticket, Runnable task);

    /** A packet arrived from the client on one of the session's transports. */
    void onPacket(Transport from, EnginePacket packet);

    /** A packet from the client could not be decoded: the session closes with {@code parse error}. */
    void onParseError(Transport from, EngineProtocolException error);

    /** A transport's connection closed. */
    void onTransportClose(Transport from);

    /** A transport failed. */
    void onTransportError(Transport from, String description);

    /** A WebSocket connection carrying this session's sid wants to take over. Returns false if refused. */
    boolean maybeUpgrade(Transport websocket);

    /** A transport became writable again: the session writes what waits for it. */
    void onWritable(Transport transport);

    /** The session's polling transport while polling is its transport, else null (e.g. once upgraded). */
    PollingTransport polling();
}
