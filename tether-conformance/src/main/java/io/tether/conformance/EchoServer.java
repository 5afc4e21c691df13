package io.tether.conformance;

import io.tether.netty.TetherServer;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.util.Map;

/**
 * A small Socket.IO server on port 8000 (or the first argument): it echoes, acknowledges and broadcasts,
 * and says hello at {@code /}.
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().allowEIO3(true).build());
        io.onConnection(socket -> {
            socket.emit("my_response", Map.of("data", "Connected", "count", io.sockets().sockets().size()));
            socket.on("my_event", (a, ack) -> socket.emit("my_response", a.get(0)));
            socket.on("my_broadcast_event", (a, ack) -> io.emit("my_response", a.get(0)));
            socket.on("echo", (a, ack) -> ack.send(a.toArray()));
        });
        TetherServer server = TetherServer.builder().port(port).socketIo(io)
                .staticFiles("/", "classpath:/echo").build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tether-shutdown"));
        System.out.println("Tether echo server running at http://localhost:" + server.port() + "/");
    }
}
