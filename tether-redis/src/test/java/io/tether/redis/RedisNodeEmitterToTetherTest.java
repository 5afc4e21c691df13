package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static io.tether.redis.RoomsFromQueryClients.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tether.netty.TetherServer;
import io.tether.redis.RoomsFromQueryClients.Received;
import io.tether.socketio.SocketIoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Node {@code @socket.io/redis-emitter} 5.x ({@code src/test/js-emitter/node-emitter.js}) publishing to
 * two Tether nodes on {@link RedisAdapter}, each with Java socket.io clients: everything a client must not receive is
 * checked with a sentinel the same script emits last to everyone (one Redis connection, so published in order), which
 * must then be the next thing every client receives.
 */
class RedisNodeEmitterToTetherTest {
    private RedisTestServer redis;
    private final List<RedisAdapterFactory> adapters = new ArrayList<>();
    private final List<TetherServer> servers = new ArrayList<>();
    private final RoomsFromQueryClients clients = new RoomsFromQueryClients();

    @BeforeEach
    void start() {
        redis = RedisTestServer.start();
        for (int i = 0; i < 2; i++) {
            RedisAdapterFactory adapter = RedisAdapter.factory(redis.uri());
            adapters.add(adapter);
            SocketIoServer io = RoomsFromQueryClients.joiningRoomsFromQuery(adapter);
            servers.add(TetherServer.builder().host("127.0.0.1").port(0).socketIo(io).build().start());
        }
    }

    @AfterEach
    void stop() {
        clients.close();
        servers.forEach(TetherServer::stop);
        adapters.forEach(RedisAdapterFactory::close);
        if (redis != null) {
            redis.close();
        }
    }

    /** Runs node-emitter.js with these operations (a JSON array) and waits for it to exit 0. */
    private void runNodeEmitter(String operations) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", "node-emitter.js", operations)
                .directory(RedisEmitterNodeServer.ensureInstalled().toFile()).redirectErrorStream(true);
        builder.environment().put("REDIS_PORT", Integer.toString(redis.port()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run node (" + e.getMessage() + "): this test needs Node.js 18+ and npm "
                    + "on the PATH", e);
        }
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node-emitter.js did not exit within 30 s:\n" + output.getNow(""));
        }
        String out = output.get(5, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "node-emitter.js failed:\n" + out);
        assertTrue(out.contains("DONE"), "node-emitter.js said:\n" + out);
    }

    @Test
    void nodeEmitterReachesClientsOfBothTetherNodes() throws Exception {
        TetherServer a = servers.get(0);
        TetherServer b = servers.get(1);
        BlockingQueue<Received> a1 = clients.connect(a, "/", "r1");
        BlockingQueue<Received> a2 = clients.connect(a, "/", "");
        BlockingQueue<Received> b1 = clients.connect(b, "/", "r1");
        BlockingQueue<Received> b2 = clients.connect(b, "/", "");
        BlockingQueue<Received> aCustom = clients.connect(a, "/custom", "r1");
        BlockingQueue<Received> bCustom = clients.connect(b, "/custom", "");
        List<BlockingQueue<Received>> main = List.of(a1, a2, b1, b2);
        List<BlockingQueue<Received>> r1 = List.of(a1, b1);
        List<BlockingQueue<Received>> notR1 = List.of(a2, b2);
        List<BlockingQueue<Received>> custom = List.of(aCustom, bCustom);

        runNodeEmitter("""
                [
                  {"event": "news", "args": ["hello", 42, {"k": "v"}]},
                  {"to": ["r1"], "event": "r1-only", "args": [1]},
                  {"except": ["r1"], "event": "not-r1", "args": [2]},
                  {"event": "bin", "args": [{"$binary": "AQID"}]},
                  {"nsp": "/custom", "event": "custom-news", "args": ["c"]},
                  {"except": ["r1"], "socketsJoin": ["r2"]},
                  {"to": ["r2"], "event": "r2-only", "args": [3]},
                  {"event": "sentinel"},
                  {"nsp": "/custom", "event": "sentinel"}
                ]""");

        for (BlockingQueue<Received> client : main) {
            Object[] news = expect(client, "news");
            assertEquals("hello", news[0]);
            assertEquals(42, news[1]);
            assertEquals("v", ((JSONObject) news[2]).getString("k"));
            if (r1.contains(client)) {
                assertEquals(1, expect(client, "r1-only")[0]);
            } else {
                assertEquals(2, expect(client, "not-r1")[0]);
            }
            assertArrayEquals(new byte[] {1, 2, 3}, assertInstanceOf(byte[].class, expect(client, "bin")[0]));
            if (notR1.contains(client)) {
                assertEquals(3, expect(client, "r2-only")[0]);
            }
            expect(client, "sentinel");
        }
        for (BlockingQueue<Received> client : custom) {
            assertEquals("c", expect(client, "custom-news")[0]);
            expect(client, "sentinel");
        }
    }
}
