package io.tether.socketio.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.EngineCodec;
import io.tether.engine.EngineLoop;
import io.tether.engine.EnginePacket;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineSession;
import io.tether.engine.Transport;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.core.ConditionFactory;

/**
 * A Socket.IO v4 client over a fake WebSocket, without network: packets go straight into the server's
 * Engine.IO session and the frames the server writes are recorded as text ({@code 431[3]}); a binary frame is
 * recorded as {@code <binary BASE64>}.
 */
final class FakeClient {
    private static final EngineRequest REQUEST = new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket",
            Map.of("EIO", "4", "transport", "websocket"), Map.of(), null, false);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final FakeWebSocket transport = new FakeWebSocket();
    private final EngineSession session;

    FakeClient(SocketIoServer io) {
        this.session = io.engine().openWebSocket(REQUEST, new InlineLoop(), s -> transport);
    }

    /**
     * A server whose handlers run on the calling thread when this version of Tether can do that
     * ({@code inlineHandlers}); the tests await what they expect, so they pass either way.
     */
    static SocketIoServer server() {
        SocketIoOptions.Builder builder = SocketIoOptions.builder();
        try {
            SocketIoOptions.Builder.class.getMethod("inlineHandlers", boolean.class).invoke(builder, true);
        } catch (ReflectiveOperationException e) {
            // handlers already run inline in this version
        }
        return SocketIoServer.create(builder.build());
    }

    /**
     * Sends a text frame as it travels on the WebSocket, such as {@code 42["join",{"room":"a"}]}: the
     * Engine.IO message type {@code 4}, then the Socket.IO packet.
     */
    void send(String frame) {
        if (!frame.startsWith("4")) {
            throw new IllegalArgumentException("not an Engine.IO message: " + frame);
        }
        session.onPacket(transport, EnginePacket.message(frame.substring(1)));
    }

    /** Sends a binary attachment of the preceding binary packet. */
    void sendBinary(byte[] data) {
        session.onPacket(transport, EnginePacket.binary(data));
    }

    /** Joins a namespace ({@code "/"} or {@code "/chat"}) and returns the socket id the server answered. */
    String connect(String namespace) {
        String prefix = namespace.equals("/") ? "40" : "40" + namespace + ",";
        send(prefix);
        String frame = awaitFrame(f -> f.startsWith(prefix + "{"));
        try {
            return JSON.readTree(frame.substring(prefix.length())).get("sid").asText();
        } catch (Exception e) {
            throw new AssertionError("not a connect packet: " + frame, e);
        }
    }

    /** Every frame the server wrote, in order. */
    List<String> frames() {
        return List.copyOf(transport.frames);
    }

    /** Awaitility, polling often: handlers may run on another thread. */
    static ConditionFactory eventually() {
        return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** Waits for a frame the server wrote that matches, and returns it. */
    String awaitFrame(Predicate<String> matches) {
        eventually().untilAsserted(() -> assertThat(frames()).anyMatch(matches));
        return frames().stream().filter(matches).findFirst().orElseThrow();
    }

    /** Waits for this exact frame. */
    String awaitFrame(String frame) {
        eventually().untilAsserted(() -> assertThat(frames()).contains(frame));
        return frame;
    }

    /** Runs every task immediately on the calling thread; scheduled tasks (heartbeats) never run. */
    private static final class InlineLoop implements EngineLoop {
        private final List<Runnable> scheduled = new ArrayList<>();

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public synchronized Cancellable schedule(Runnable task, long delayMillis) {
            scheduled.add(task);
            return () -> {
                synchronized (this) {
                    scheduled.remove(task);
                }
            };
        }
    }

    private static final class FakeWebSocket implements Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "websocket";
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(List<EnginePacket> packets) {
            for (EnginePacket p : packets) {
                frames.add(p.isBinary() ? "<binary " + Base64.getEncoder().encodeToString(p.binary()) + ">"
                        : EngineCodec.encodeText(p));
            }
        }

        @Override
        public void close() {}
    }
}
