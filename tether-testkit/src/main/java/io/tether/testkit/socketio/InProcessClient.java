package io.tether.testkit.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.EngineCodec;
import io.tether.engine.EngineLoop;
import io.tether.engine.EnginePacket;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineServer;
import io.tether.engine.TransportType;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportSession;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.engine.ManualLoop;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Socket.IO v4 client without a network: an in-memory WebSocket {@link Transport} bound to the server through
 * the transport SPI only, as a network layer is. What the client sends goes into its Engine.IO session; every
 * frame the server writes is recorded as text ({@code 431[3]}), a binary frame as {@code <binary BASE64>}, and
 * the packet objects themselves are kept too.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create(
 *         SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
 * InProcessClient client = InProcessClient.open(io);
 * String sid = client.connect("/");
 * client.send("42[\"hello\",1]");
 * client.awaitFrame("42[\"welcome\"]");
 * }</pre>
 */
public final class InProcessClient {
    private static final EngineRequest REQUEST = new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket",
            Map.of("EIO", "4", "transport", "websocket"), Map.of(), null, false);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryWebSocket transport = new InMemoryWebSocket();
    private final TransportSession session;

    private InProcessClient(EngineServer engine, EngineLoop loop) {
        this.session = engine.transports().openWebSocket(REQUEST, loop, s -> transport);
    }

    /** Opens an Engine.IO session on a Socket.IO server, on a new {@link ManualLoop}. */
    public static InProcessClient open(SocketIoServer io) {
        return open(io.engine(), new ManualLoop());
    }

    /** Opens an Engine.IO session on an Engine.IO server, on the given loop. */
    public static InProcessClient open(EngineServer engine, EngineLoop loop) {
        return new InProcessClient(engine, loop);
    }

    /** The Engine.IO session id ({@code sid}) the server gave this client. */
    public String sessionId() {
        return session.id();
    }

    /**
     * Sends a text frame as it travels on the WebSocket, such as {@code 42["join",{"room":"a"}]}: the
     * Engine.IO message type {@code 4}, then the Socket.IO packet.
     */
    public void send(String frame) {
        if (!frame.startsWith("4")) {
            throw new IllegalArgumentException("not an Engine.IO message: " + frame);
        }
        receive(EnginePacket.message(frame.substring(1)));
    }

    /** Sends a binary attachment of the preceding binary packet. */
    public void sendBinary(byte[] data) {
        receive(EnginePacket.binary(data));
    }

    private void receive(EnginePacket packet) {
        session.runInOrder(session.takeTicket(), () -> session.onPacket(transport, packet));
    }

    /** Drops the connection, as a client whose network goes away: the session closes with {@code transport close}. */
    public void drop() {
        session.runInOrder(session.takeTicket(), () -> {
            transport.closed = true;
            session.onTransportClose(transport);
        });
    }

    /** Whether the server closed this client's transport. */
    public boolean closedByServer() {
        return transport.closedByServer;
    }

    /** Joins a namespace ({@code "/"} or {@code "/chat"}) and returns the socket id the server answered. */
    public String connect(String namespace) {
        return connect(namespace, null);
    }

    /** Joins a namespace with an auth payload (JSON, e.g. {@code {"token":"abc"}}); returns the socket id. */
    public String connect(String namespace, String authJson) {
        String prefix = namespace.equals("/") ? "40" : "40" + namespace + ",";
        send(authJson == null ? prefix : prefix + authJson);
        String frame = awaitFrame(f -> f.startsWith(prefix + "{\"sid\""));
        try {
            return JSON.readTree(frame.substring(prefix.length())).get("sid").asText();
        } catch (Exception e) {
            throw new AssertionError("not a connect packet: " + frame, e);
        }
    }

    /** Every frame the server wrote, in order. */
    public List<String> frames() {
        return List.copyOf(transport.frames);
    }

    /** Every packet the server handed the transport, in order, as the very objects it handed. */
    public List<EnginePacket> packets() {
        return List.copyOf(transport.packets);
    }

    /** Forgets the frames and packets received so far. */
    public void clear() {
        transport.frames.clear();
        transport.packets.clear();
    }

    /** Waits (5 s at most) for a frame the server wrote that matches, and returns the first such frame. */
    public String awaitFrame(Predicate<String> matches) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            for (String frame : transport.frames) {
                if (matches.test(frame)) {
                    return frame;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching frame within " + TIMEOUT + "; frames: " + frames());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits (5 s at most) for this exact frame. */
    public String awaitFrame(String frame) {
        return awaitFrame(frame::equals);
    }

    /** A WebSocket in memory: always writable, it records what it is asked to send. */
    private static final class InMemoryWebSocket implements Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<EnginePacket> packets = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile boolean closedByServer;

        @Override
        public TransportType type() {
            return TransportType.WEBSOCKET;
        }

        @Override
        public boolean writable() {
            return !closed;
        }

        @Override
        public void send(List<EnginePacket> sent) {
            packets.addAll(sent);
            for (EnginePacket p : sent) {
                frames.add(p.isBinary() ? "<binary " + Base64.getEncoder().encodeToString(p.binary()) + ">"
                        : EngineCodec.encodeText(p));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closedByServer = true;
            }
            closed = true;
        }
    }
}
