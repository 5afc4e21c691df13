package io.tether.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session (a {@code sid}): its transport, the packets waiting for it, the heartbeat and the
 * upgrade from polling to WebSocket.
 *
 * <p>State lives on the session's {@link EngineLoop}. {@link #send}, {@link #close} and the listener setters
 * may be called from any thread; the rest is called by transports on the loop.
 *
 * <pre>{@code
 * engine.onConnection(session -> {
 *     session.onMessage(packet -> session.send(packet));          // echo
 *     session.onClose((reason, description) -> log.info(reason));
 * });
 * }</pre>
 */
public final class EngineSession {
    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);

    /** Close reasons, with Node's names. */
    public static final String TRANSPORT_CLOSE = "transport close";
    public static final String TRANSPORT_ERROR = "transport error";
    public static final String PING_TIMEOUT = "ping timeout";
    public static final String PARSE_ERROR = "parse error";
    public static final String FORCED_CLOSE = "forced close";

    enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EngineServer server;
    private final EngineRequest request;
    private final int protocol;
    private final EngineLoop loop;
    private final ArrayDeque<EnginePacket> buffer = new ArrayDeque<>();

    private State state = State.OPEN;
    private Transport transport;
    private Transport upgrading;
    private boolean upgradeProbed;
    private boolean upgraded;
    private EngineLoop.Cancellable pingTimer;
    private EngineLoop.Cancellable pingTimeoutTimer;
    private EngineLoop.Cancellable upgradeTimer;
    private EngineLoop.Cancellable closeTimer;

    // arrival order across connections: a polling GET and POST, or a WebSocket, are read on different threads
    private final AtomicLong tickets = new AtomicLong();
    private long nextTicket;
    private PriorityQueue<Ticketed> parked;

    private volatile Consumer<EnginePacket> messageListener = packet -> { };
    private volatile BiConsumer<String, String> closeListener = (reason, description) -> { };

    EngineSession(String id, EngineServer server, EngineRequest request, int protocol, EngineLoop loop) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.protocol = protocol;
        this.loop = loop;
    }

    /** The session id ({@code sid}). */
    public String id() {
        return id;
    }

    /** The Engine.IO protocol version the client speaks: 3 or 4. */
    public int protocol() {
        return protocol;
    }

    /** The handshake request. */
    public EngineRequest request() {
        return request;
    }

    /** The loop this session's state lives on. */
    public EngineLoop loop() {
        return loop;
    }

    /** The current transport. */
    public Transport transport() {
        return transport;
    }

    /** Whether the session is open (not closing or closed). */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Sets the listener for the client's message packets (text or binary); it runs on the loop. */
    public void onMessage(Consumer<EnginePacket> listener) {
        this.messageListener = Objects.requireNonNull(listener);
    }

    /** Sets the listener told once, with a reason and a description, when the session closes. */
    public void onClose(BiConsumer<String, String> listener) {
        this.closeListener = Objects.requireNonNull(listener);
    }

    /** Queues a packet for the client. Thread-safe. */
    public void send(EnginePacket packet) {
        if (loop.inLoop()) {
            sendNow(packet);
        } else {
            loop.execute(() -> sendNow(packet));
        }
    }

    /** Queues packets for the client; they leave together, in order. Thread-safe. */
    public void send(List<EnginePacket> packets) {
        if (loop.inLoop()) {
            sendNow(packets);
        } else {
            loop.execute(() -> sendNow(packets));
        }
    }

    /**
     * Sends packets only if the transport can take them right now (nothing queued, a writable transport);
     * otherwise drops them. For volatile broadcasts. Thread-safe.
     */
    public void sendVolatile(List<EnginePacket> packets) {
        if (loop.inLoop()) {
            sendVolatileNow(packets);
        } else {
            loop.execute(() -> sendVolatileNow(packets));
        }
    }

    private void sendVolatileNow(List<EnginePacket> packets) {
        if (state == State.OPEN && buffer.isEmpty() && transport != null && transport.writable()
                && !transport.congested()) {
            transport.send(packets);
        }
    }

    /** Closes the session after the queued packets have left. Thread-safe. */
    public void close() {
        if (loop.inLoop()) {
            closeGracefully();
        } else {
            loop.execute(this::closeGracefully);
        }
    }

    /**
     * Takes a place in this session's arrival order. The network layer takes one as it reads a request or a
     * frame of this session, on whatever thread reads it, and hands the work to {@link #runInOrder}.
     */
    public long takeTicket() {
        return tickets.getAndIncrement();
    }

    /**
     * Runs work on the session's loop once all work with earlier tickets has run, so that requests read
     * on different connections are handled in the order they arrived. Every ticket taken must come here.
     */
    public void runInOrder(long ticket, Runnable task) {
        if (loop.inLoop()) {
            runTicket(ticket, task);
        } else {
            loop.execute(() -> runTicket(ticket, task));
        }
    }

    private record Ticketed(long ticket, Runnable task) { }

    private void runTicket(long ticket, Runnable task) {
        if (ticket != nextTicket) {
            if (parked == null) {
                parked = new PriorityQueue<>((a, b) -> Long.compare(a.ticket, b.ticket));
            }
            parked.add(new Ticketed(ticket, task));
            return;
        }
        runSafely(task);
        nextTicket++;
        while (parked != null && !parked.isEmpty() && parked.peek().ticket == nextTicket) {
            runSafely(parked.poll().task);
            nextTicket++;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("session {}: task failed", id, e);
        }
    }

    // ---- lifecycle, called by the server and the transports on the loop ----

    void open(Transport initial) {
        this.transport = initial;
        String upgrades = EngineOptions.POLLING.equals(initial.name()) && server.options().allowUpgrades()
                && server.options().transports().contains(EngineOptions.WEBSOCKET) ? "[\"websocket\"]" : "[]";
        EngineOptions o = server.options();
        String handshake = "{\"sid\":\"" + id + "\",\"upgrades\":" + upgrades + ",\"pingInterval\":"
                + o.pingInterval() + ",\"pingTimeout\":" + o.pingTimeout() + ",\"maxPayload\":"
                + o.maxHttpBufferSize() + "}";
        buffer.add(EnginePacket.of(EnginePacketType.OPEN, handshake));
        if (protocol >= 4) {
            schedulePing();
        } else {
            resetPingTimeout(o.pingInterval() + o.pingTimeout());
        }
    }

    private void sendNow(EnginePacket packet) {
        if (state != State.OPEN) {
            return;
        }
        buffer.add(packet);
        flush();
    }

    private void sendNow(List<EnginePacket> packets) {
        if (state != State.OPEN) {
            return;
        }
        buffer.addAll(packets);
        flush();
    }

    private void flush() {
        if (!buffer.isEmpty() && transport != null && transport.writable()) {
            List<EnginePacket> out = new ArrayList<>(buffer);
            buffer.clear();
            transport.send(out);
        }
    }

    /** Writes the waiting packets to a transport that just became writable. */
    void flushTo(Transport t) {
        if (t == transport) {
            flush();
        }
    }

    /** Removes and returns the queued packets. */
    List<EnginePacket> takeBuffer() {
        List<EnginePacket> out = new ArrayList<>(buffer);
        buffer.clear();
        return out;
    }

    boolean upgradeProbed() {
        return upgrading != null && upgradeProbed;
    }

    /** A packet arrived from the client on one of the session's transports. */
    public void onPacket(Transport from, EnginePacket packet) {
        if (state == State.CLOSED) {
            return;
        }
        if (from == upgrading) {
            onUpgradePacket(packet);
            return;
        }
        if (from != transport) {
            return;
        }
        switch (packet.type()) {
            case PING -> {
                if (protocol >= 4) {
                    onClose(TRANSPORT_ERROR, "invalid heartbeat direction");
                    return;
                }
                resetPingTimeout(server.options().pingInterval() + server.options().pingTimeout());
                sendNow(EnginePacket.of(EnginePacketType.PONG, packet.text()));
            }
            case PONG -> {
                if (protocol < 4) {
                    onClose(TRANSPORT_ERROR, "invalid heartbeat direction");
                    return;
                }
                cancel(pingTimeoutTimer);
                pingTimeoutTimer = null;
                if (state == State.OPEN) {
                    schedulePing();
                }
            }
            case MESSAGE -> {
                if (protocol < 4) {
                    resetPingTimeout(server.options().pingInterval() + server.options().pingTimeout());
                }
                if (state == State.OPEN) {
                    try {
                        messageListener.accept(packet);
                    } catch (RuntimeException e) {
                        log.error("session {}: message listener failed", id, e);
                    }
                }
            }
            case CLOSE -> onTransportClose(from);
            case NOOP -> { }
            case OPEN, UPGRADE -> onClose(PARSE_ERROR, "unexpected " + packet.type() + " packet");
        }
    }

    /** A packet from the client could not be decoded: the session closes with {@code parse error}. */
    public void onParseError(Transport from, EngineProtocolException error) {
        log.debug("session {}: {}", id, error.getMessage());
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(PARSE_ERROR, error.getMessage());
        }
    }

    /** A transport's connection closed. */
    public void onTransportClose(Transport from) {
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(TRANSPORT_CLOSE, "transport closed by the client");
        }
    }

    /** A transport failed. */
    public void onTransportError(Transport from, String description) {
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(TRANSPORT_ERROR, description);
        }
    }

    // ---- upgrade ----

    /** A WebSocket connection carrying this session's sid wants to take over. Returns false if refused. */
    public boolean maybeUpgrade(Transport websocket) {
        if (state != State.OPEN || upgrading != null || upgraded
                || !EngineOptions.POLLING.equals(transport.name()) || !server.options().allowUpgrades()) {
            return false;
        }
        upgrading = websocket;
        upgradeProbed = false;
        upgradeTimer = loop.schedule(() -> {
            if (upgrading == websocket) {
                log.debug("session {}: upgrade timed out", id);
                cancelUpgrade();
            }
        }, server.options().upgradeTimeout());
        return true;
    }

    private void onUpgradePacket(EnginePacket packet) {
        Transport ws = upgrading;
        if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
            ws.send(List.of(EnginePacket.of(EnginePacketType.PONG, "probe")));
            upgradeProbed = true;
            if (transport.writable() && buffer.isEmpty()) {
                transport.send(List.of(EnginePacket.NOOP));
            }
        } else if (packet.type() == EnginePacketType.UPGRADE && state != State.CLOSED) {
            cancel(upgradeTimer);
            Transport old = transport;
            upgrading = null;
            upgraded = true;
            transport = ws;
            if (old instanceof PollingTransport polling) {
                polling.discard();
            }
            flush();
            if (state == State.CLOSING) {
                transport.close();
                onClose(FORCED_CLOSE, "closed by the server");
            }
        } else {
            cancelUpgrade();
        }
    }

    private void cancelUpgrade() {
        Transport ws = upgrading;
        upgrading = null;
        upgradeProbed = false;
        cancel(upgradeTimer);
        if (ws != null) {
            ws.close();
        }
    }

    /** Whether this session moved from polling to WebSocket. */
    public boolean upgraded() {
        return upgraded;
    }

    /** Whether an upgrade is under way. */
    public boolean upgrading() {
        return upgrading != null;
    }

    // ---- heartbeat ----

    private void schedulePing() {
        cancel(pingTimer);
        pingTimer = loop.schedule(() -> {
            if (state != State.OPEN) {
                return;
            }
            sendNow(EnginePacket.PING);
            resetPingTimeout(server.options().pingTimeout());
        }, server.options().pingInterval());
    }

    private void resetPingTimeout(long millis) {
        cancel(pingTimeoutTimer);
        pingTimeoutTimer = loop.schedule(() -> onClose(PING_TIMEOUT, "no heartbeat within " + millis + " ms"),
                millis);
    }

    // ---- closing ----

    private void closeGracefully() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        cancel(pingTimer);
        cancel(pingTimeoutTimer);
        if (upgrading != null) {
            cancelUpgrade();
        }
        flush();
        // a polling transport without a waiting GET sends what is still queued, and the close, to the next GET
        transport.close();
        if (transport instanceof PollingTransport polling && !polling.isClosed()) {
            closeTimer = loop.schedule(() -> onClose(FORCED_CLOSE, "closed by the server"),
                    server.options().closeTimeout());
        } else {
            onClose(FORCED_CLOSE, "closed by the server");
        }
    }

    void onPollingCloseDelivered() {
        if (state == State.CLOSING) {
            onClose(FORCED_CLOSE, "closed by the server");
        }
    }

    /** Closes the session at once with a reason; the transport is closed and listeners are told. */
    void onClose(String reason, String description) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancel(pingTimer);
        cancel(pingTimeoutTimer);
        cancel(upgradeTimer);
        cancel(closeTimer);
        if (upgrading != null) {
            Transport ws = upgrading;
            upgrading = null;
            ws.close();
        }
        buffer.clear();
        transport.close();
        server.remove(this);
        log.debug("session {} closed: {} ({})", id, reason, description);
        try {
            closeListener.accept(reason, description);
        } catch (RuntimeException e) {
            log.error("session {}: close listener failed", id, e);
        }
    }

    /** Closes the session at once with a reason. Thread-safe. */
    public void closeNow(String reason) {
        if (loop.inLoop()) {
            onClose(reason, reason);
        } else {
            loop.execute(() -> onClose(reason, reason));
        }
    }

    private static void cancel(EngineLoop.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + ", " + (transport != null ? transport.name() : "-") + ", " + state + "]";
    }
}
