package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static io.tether.redis.RoomsFromQueryClients.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tether.netty.TetherServer;
import io.tether.redis.RoomsFromQueryClients.Received;
import io.tether.socketio.SocketIoServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisEmitter} broadcasts delivered by Tether's own {@link RedisAdapter}: a Tether server on Redis, Java
 * socket.io clients; rooms are joined by the server from the handshake query ({@code rooms=red,blue}). Left-out
 * clients are checked with a sentinel emitted to everyone afterwards (same Redis connection, same order).
 */
class RedisEmitterTetherTest {
    private static RedisTestServer redis;
    private static RedisAdapterFactory adapter;
    private static TetherServer server;
    private static RedisEmitter emitter;
    private final RoomsFromQueryClients clients = new RoomsFromQueryClients();

    @BeforeAll
    static void start() {
        redis = RedisTestServer.start();
        adapter = RedisAdapter.factory(redis.uri());
        SocketIoServer io = RoomsFromQueryClients.joiningRoomsFromQuery(adapter);
        server = TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start();
        emitter = RedisEmitter.create(redis.uri());
    }

    @AfterAll
    static void stop() {
        if (emitter != null) {
            emitter.close();
        }
        if (server != null) {
            server.stop();
        }
        if (adapter != null) {
            adapter.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @SafeVarargs
    private static void sentinel(RedisEmitter emitter, BlockingQueue<Received>... clients) throws Exception {
        emitter.emit("sentinel").get(5, TimeUnit.SECONDS);
        for (BlockingQueue<Received> client : clients) {
            expect(client, "sentinel");
        }
    }

    @Test
    void emitToRoomsExceptAndBinaryReachTetherClients() throws Exception {
        BlockingQueue<Received> red = clients.connect(server, "/", "red");
        BlockingQueue<Received> blue = clients.connect(server, "/", "blue");

        emitter.emit("news", "hello", 42, Map.of("k", "v"));
        for (BlockingQueue<Received> client : List.of(red, blue)) {
            Object[] args = expect(client, "news");
            assertEquals("hello", args[0]);
            assertEquals(42, args[1]);
            assertEquals("v", ((JSONObject) args[2]).getString("k"));
        }

        emitter.to("red").emit("red-only", new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(byte[].class, expect(red, "red-only")[0]));
        sentinel(emitter, red, blue);

        emitter.except("red").emit("not-red");
        expect(blue, "not-red");
        sentinel(emitter, red, blue);

        emitter.to("red", "blue").except("blue").emit("red-not-blue");
        expect(red, "red-not-blue");
        sentinel(emitter, red, blue);
    }

    @Test
    void ofCustomNamespace() throws Exception {
        BlockingQueue<Received> main = clients.connect(server, "/", "red");
        BlockingQueue<Received> custom = clients.connect(server, "/custom", "red");
        emitter.of("/custom").to("red").emit("custom-news", Map.of("file", new byte[] {7}));
        JSONObject arg = (JSONObject) expect(custom, "custom-news")[0];
        assertArrayEquals(new byte[] {7}, assertInstanceOf(byte[].class, arg.get("file")));
        sentinel(emitter, main);
    }
}
