package io.tether.conformance;

import io.tether.engine.CorsOptions;
import io.tether.engine.EngineOptions;
import io.tether.engine.EngineServer;
import io.tether.netty.TetherServer;
import io.tether.socketio.Namespace;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.time.Duration;

/**
 * The server the official protocol test suites expect, on one port: Socket.IO at {@code /socket.io/}
 * (namespaces {@code /} and {@code /custom}) and a bare Engine.IO echo at {@code /engine.io/}.
 *
 * <p>Run: {@code java -cp tether-conformance/target/tether-conformance.jar PORT}
 */
public final class ConformanceFixture {
    static final long PING_INTERVAL = 300;
    static final long PING_TIMEOUT = 200;
    static final long CONNECT_TIMEOUT = 1_000;
    static final long MAX_PAYLOAD = 1_000_000;

    private ConformanceFixture() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        TetherServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tether-shutdown"));
        System.out.println("READY " + server.port());
    }

    /** Starts the fixture on a port (0 for any free one). */
    public static TetherServer start(int port) {
        // The suites send a GET and a POST of one session at the same instant on two new connections and expect
        // them handled in arrival order, as Node's single thread does: one I/O thread gives the same guarantee.
        return TetherServer.builder().port(port).ioThreads(1).socketIo(socketIo()).engineIo(engineIo())
                .build().start();
    }

    /** Socket.IO as the socket.io-protocol suite's README configures its reference server. */
    static SocketIoServer socketIo() {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder()
                .pingInterval(Duration.ofMillis(PING_INTERVAL))
                .pingTimeout(Duration.ofMillis(PING_TIMEOUT))
                .maxHttpBufferSize(MAX_PAYLOAD)
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT))
                .cors(CorsOptions.anyOrigin())
                .build());
        configure(io.sockets());
        configure(io.of("/custom"));
        return io;
    }

    private static void configure(Namespace namespace) {
        namespace.onConnection(socket -> {
            socket.emit("auth", socket.handshake().auth());
            socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
            socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
        });
    }

    /** A bare Engine.IO server that sends every message back unchanged, as the engine.io-protocol suite needs. */
    static EngineServer engineIo() {
        EngineServer engine = EngineServer.create(EngineOptions.builder()
                .path("/engine.io/")
                .pingInterval(Duration.ofMillis(PING_INTERVAL))
                .pingTimeout(Duration.ofMillis(PING_TIMEOUT))
                .maxHttpBufferSize(MAX_PAYLOAD)
                .cors(CorsOptions.anyOrigin())
                .build());
        engine.onConnection(session -> session.onMessage(session::send));
        return engine;
    }
}
