package io.tether.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.socket.client.IO;
import io.tether.netty.TetherServer;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The emitter tests' receiving side: servers whose sockets (in {@code /} and {@code /custom}) join the rooms named in
 * their handshake query ({@code rooms=red,blue}), and official Java clients that queue every event they receive;
 * closing closes the clients.
 */
final class RoomsFromQueryClients implements AutoCloseable {
    private final List<io.socket.client.Socket> sockets = new CopyOnWriteArrayList<>();

    /** What a client received: the event and its arguments. */
    record Received(String event, Object[] args) {
        @Override
        public String toString() {
            return event + Arrays.deepToString(args);
        }
    }

    /** A server on this adapter whose sockets join the rooms of their {@code rooms} query parameter. */
    static SocketIoServer joiningRoomsFromQuery(RedisAdapterFactory adapter) {
        SocketIoServer io = SocketIoServer.create(SocketIoOptions.builder().adapter(adapter).build());
        for (String nsp : List.of("/", "/custom")) {
            io.of(nsp).onConnection(socket -> {
                String rooms = socket.handshake().query().getOrDefault("rooms", "");
                for (String room : rooms.split(",")) {
                    if (!room.isEmpty()) {
                        socket.join(room);
                    }
                }
            });
        }
        return io;
    }

    /** Connects a WebSocket client to a namespace, asking to join these rooms (comma separated). */
    BlockingQueue<Received> connect(TetherServer server, String nsp, String rooms) throws Exception {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        options.transports = new String[] {"websocket"};
        String url = "http://127.0.0.1:" + server.port() + ("/".equals(nsp) ? "" : nsp) + "?rooms=" + rooms;
        io.socket.client.Socket socket = IO.socket(URI.create(url), options);
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.onAnyIncoming(args -> received.add(
                new Received(String.valueOf(args[0]), Arrays.copyOfRange(args, 1, args.length))));
        sockets.add(socket);
        socket.connect();
        connected.get(10, TimeUnit.SECONDS);
        return received;
    }

    /** The arguments of the client's next event, which must be this one. */
    static Object[] expect(BlockingQueue<Received> client, String event) throws InterruptedException {
        Received next = client.poll(10, TimeUnit.SECONDS);
        assertNotNull(next, "nothing received within 10 s, expected " + event);
        assertEquals(event, next.event(), "got " + next);
        return next.args();
    }

    @Override
    public void close() {
        sockets.forEach(io.socket.client.Socket::close);
        sockets.clear();
    }
}
