package io.tether.engine.internal;

import io.tether.engine.EngineLoop;
import io.tether.engine.EngineOptions;
import io.tether.engine.EnginePacket;
import io.tether.engine.EnginePacketType;
import io.tether.engine.EngineProtocolException;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineSession;
import io.tether.engine.TransportType;
import io.tether.engine.spi.PollingTransport;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportSession;

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
 * upgrade from polling to WebSocket. Applications see it as an {@link EngineSession}, network layers as a
 * {@link TransportSession}.
 *
 * <p>State lives on the session's {@link EngineLoop}; only the methods documented as thread-safe may be called
 * from other threads.
 */
public final class RealEngineSession implements EngineSession, TransportSession {
    private static final Logger log = LoggerFactory.getLogger(RealEngineSession.class);

    enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final RealTransportServer server;
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

    // kept in fields so that sends made on the loop allocate nothing
    private final Consumer<EnginePacket> sendOne = this::sendNow;
    private final Consumer<List<EnginePacket>> sendMany = this::sendNow;
    private final Consumer<List<EnginePacket>> sendVolatile = this::sendVolatileNow;

    private volatile Consumer<EnginePacket> messageListener = packet -> { };
    private volatile BiConsumer<String, String> closeListener = (reason, description) -> { };

    RealEngineSession(String id, RealTransportServer server, EngineRequest request, int protocol, EngineLoop loop) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.protocol = protocol;
        this.loop = loop;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public EngineRequest request() {
        return request;
    }

    @Override
    public EngineLoop loop() {
        return loop;
    }

    /** The current transport. */
    public Transport transport() {
        return transport;
    }

    @Override
    public TransportType transportType() {
        Transport t = transport;
        return t == null ? null : t.type();
    }

    @Override
    public PollingTransport polling() {
        return transport instanceof RealPollingTransport polling ? polling : null;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public void onMessage(Consumer<EnginePacket> listener) {
        this.messageListener = Objects.requireNonNull(listener);
    }

    @Override
    public void onClose(BiConsumer<String, String> listener) {
        this.closeListener = Objects.requireNonNull(listener);
    }

    @Override
    public void send(EnginePacket packet) {
        loop.run(sendOne, packet);
    }

    @Override
    public void send(List<EnginePacket> packets) {
        loop.run(sendMany, packets);
    }

    /**
     * Sends packets only if the transport can take them right now (nothing queued, a writable transport);
     * otherwise drops them. For volatile broadcasts. Thread-safe.
     */
    @Override
    public void sendVolatile(List<EnginePacket> packets) {
        loop.run(sendVolatile, packets);
    }

    private void sendVolatileNow(List<EnginePacket> packets) {
        if (state == State.OPEN && buffer.isEmpty() && transport != null && transport.writable()
                && !transport.congested()) {
            transport.send(packets);
        }
    }

    @Override
    public void close() {
        loop.run(this::closeGracefully);
    }

    /**
     * Takes a place in this session's arrival order. The network layer takes one as it reads a request or a
     * frame of this session, on whatever thread reads it, and hands the work to {@link #runInOrder}.
     */
    @Override
    public long takeTicket() {
        return tickets.getAndIncrement();
    }

    /**
     * Runs work on the session's loop once all work with earlier tickets has run, so that requests read
     * on different connections are handled in the order they arrived. Every ticket taken must come here.
     */
    @Override
    public void runInOrder(long ticket, Runnable task) {
        loop.run(() -> runTicket(ticket, task));
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
        EngineOptions o = server.options();
        String upgrades = initial.type() == TransportType.POLLING && o.offersUpgrade()
                ? "[\"" + TransportType.WEBSOCKET.wireName() + "\"]" : "[]";
        String handshake = "{\"sid\":\"" + id + "\",\"upgrades\":" + upgrades + ",\"pingInterval\":"
                + o.pingInterval().toMillis() + ",\"pingTimeout\":" + o.pingTimeout().toMillis()
                + ",\"maxPayload\":" + o.maxHttpBufferSize() + "}";
        buffer.add(EnginePacket.of(EnginePacketType.OPEN, handshake));
        if (protocol >= 4) {
            schedulePing();
        } else {
            resetPingTimeout(heartbeatMillis());
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

    @Override
    public void onWritable(Transport t) {
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

    @Override
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
                resetPingTimeout(heartbeatMillis());
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
                    resetPingTimeout(heartbeatMillis());
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

    @Override
    public void onParseError(Transport from, EngineProtocolException error) {
        log.debug("session {}: {}", id, error.getMessage());
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(PARSE_ERROR, error.getMessage());
        }
    }

    @Override
    public void onTransportClose(Transport from) {
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(TRANSPORT_CLOSE, "transport closed by the client");
        }
    }

    @Override
    public void onTransportError(Transport from, String description) {
        if (from == upgrading) {
            cancelUpgrade();
        } else if (from == transport) {
            onClose(TRANSPORT_ERROR, description);
        }
    }

    // ---- upgrade ----

    @Override
    public boolean maybeUpgrade(Transport websocket) {
        if (state != State.OPEN || upgrading != null || upgraded
                || transport.type() != TransportType.POLLING || !server.options().allowUpgrades()) {
            return false;
        }
        upgrading = websocket;
        upgradeProbed = false;
        upgradeTimer = loop.schedule(() -> {
            if (upgrading == websocket) {
                log.debug("session {}: upgrade timed out", id);
                cancelUpgrade();
            }
        }, server.options().upgradeTimeout().toMillis());
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
            if (old instanceof RealPollingTransport polling) {
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

    @Override
    public boolean upgraded() {
        return upgraded;
    }

    // ---- heartbeat ----

    private void schedulePing() {
        cancel(pingTimer);
        pingTimer = loop.schedule(() -> {
            if (state != State.OPEN) {
                return;
            }
            sendNow(EnginePacket.PING);
            resetPingTimeout(server.options().pingTimeout().toMillis());
        }, server.options().pingInterval().toMillis());
    }

    /** How long a v3 client may stay silent: a ping interval, then the ping timeout. */
    private long heartbeatMillis() {
        return server.options().pingInterval().toMillis() + server.options().pingTimeout().toMillis();
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
        if (transport instanceof RealPollingTransport polling && !polling.isClosed()) {
            closeTimer = loop.schedule(() -> onClose(FORCED_CLOSE, "closed by the server"),
                    server.options().closeTimeout().toMillis());
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

    @Override
    public void closeNow(String reason) {
        loop.run(() -> onClose(reason, reason));
    }

    private static void cancel(EngineLoop.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    public String toString() {
        String name = transport != null ? transport.type().wireName() : "-";
        return "EngineSession[" + id + ", " + name + ", " + state + "]";
    }
}
