package io.tether.redis;

import io.tether.testkit.RedisTestServer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link RedisEmitter} publishes, byte for byte: the expected bytes are what notepack.io 3.0.1 (the
 * encoder of {@code @socket.io/redis-emitter} 5.x) writes for the same JS values, and the requests are the
 * emitter's {@code JSON.stringify} output.
 */
class RedisEmitterFormatTest {
    private static RedisTestServer redis;
    private static RedisClient client;
    private static StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private static final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

    record Message(String channel, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisTestServer.start();
        client = RedisClient.create(redis.uri());
        subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                messages.add(new Message(new String(channel, StandardCharsets.UTF_8), message));
            }
        });
        subscriber.sync().psubscribe("socket.io*".getBytes(StandardCharsets.UTF_8),
                "my-app*".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopRedis() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void drain() {
        messages.clear();
    }

    private static Message next() throws InterruptedException {
        Message message = messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(message, "nothing published within 5 s");
        return message;
    }

    @Test
    void roomBroadcastIsNotepackOfUidPacketOpts() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("a", true);
            long receivers = emitter.to("room1").except("x")
                    .emit("hello", 1, "two", object, new byte[] {1, 2, 3}, 2.5, null, -7, 300, 2.0)
                    .get(5, TimeUnit.SECONDS);
            assertEquals(1, receivers, "the test's subscriber got it");
            Message message = next();
            assertEquals("socket.io#/#room1#", message.channel());
            // notepack.encode(["emitter", {type: 2, data: ["hello", 1, "two", {a: true}, Buffer.from([1, 2, 3]),
            //     2.5, null, -7, 300, 2], nsp: "/"}, {rooms: ["room1"], flags: {}, except: ["x"]}])
            assertEquals("93a7656d697474657283a47479706502a4646174619aa568656c6c6f01a374776f81a161c3c403010203"
                    + "cb4004000000000000c0f9cd012c02a36e7370a12f83a5726f6f6d7391a5726f6f6d31a5666c61677380a6"
                    + "65786365707491a178", HexFormat.of().formatHex(message.body()));

            JsonNode decoded = RedisProtocol.unpack(message.body());
            assertEquals("emitter", decoded.get(0).asText());
            assertEquals(RedisProtocol.EVENT, decoded.get(1).get("type").asInt(),
                    "type 2 even with binary: the receiving encoder makes it a BINARY_EVENT");
            assertArrayEquals(new byte[] {1, 2, 3}, decoded.get(1).get("data").get(4).binaryValue());
        }
    }

    @Test
    void severalRoomsGoToTheNamespaceChannelWithFlags() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            emitter.of("chat").to("a").to("b").volatileFlag().compress(false).emit("tick").get(5, TimeUnit.SECONDS);
            Message message = next();
            assertEquals("socket.io#/chat#", message.channel());
            // notepack.encode(["emitter", {type: 2, data: ["tick"], nsp: "/chat"},
            //     {rooms: ["a", "b"], flags: {volatile: true, compress: false}, except: []}])
            assertEquals("93a7656d697474657283a47479706502a46461746191a47469636ba36e7370a52f6368617483a5726f6f6d"
                    + "7392a161a162a5666c61677382a8766f6c6174696c65c3a8636f6d7072657373c2a665786365707490",
                    HexFormat.of().formatHex(message.body()));
        }
    }

    @Test
    void everyoneButARoomGoesToTheNamespaceChannel() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri(), "my-app")) {
            emitter.except("x").emit("e").get(5, TimeUnit.SECONDS);
            Message message = next();
            assertEquals("my-app#/#", message.channel());
            JsonNode decoded = RedisProtocol.unpack(message.body());
            assertEquals("{\"rooms\":[],\"flags\":{},\"except\":[\"x\"]}", decoded.get(2).toString());
        }
    }

    @Test
    void requestsAreTheEmittersJson() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            emitter.in("room1").socketsJoin("r2", "r3");
            emitter.except("room1").socketsLeave("r2");
            emitter.of("/admin").disconnectSockets(true);
            emitter.serverSideEmit("ev", 1, Map.of("k", "v")).get(5, TimeUnit.SECONDS);

            Message join = next();
            assertEquals("socket.io-request#/#", join.channel());
            assertEquals("{\"type\":2,\"opts\":{\"rooms\":[\"room1\"],\"except\":[]},\"rooms\":[\"r2\",\"r3\"]}",
                    join.text());
            assertEquals("{\"type\":3,\"opts\":{\"rooms\":[],\"except\":[\"room1\"]},\"rooms\":[\"r2\"]}",
                    next().text());
            Message disconnect = next();
            assertEquals("socket.io-request#/admin#", disconnect.channel());
            assertEquals("{\"type\":4,\"opts\":{\"rooms\":[],\"except\":[]},\"close\":true}", disconnect.text());
            assertEquals("{\"uid\":\"emitter\",\"type\":6,\"data\":[\"ev\",1,{\"k\":\"v\"}]}", next().text());
        }
    }

    @Test
    void serverSideEmitWithBinaryIsMsgpack() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            emitter.serverSideEmit("ev", (Object) new byte[] {9}).get(5, TimeUnit.SECONDS);
            Message message = next();
            assertEquals("socket.io-request#/#", message.channel());
            // notepack.encode({uid: "emitter", type: 6, data: ["ev", Buffer.from([9])]})
            assertEquals("83a3756964a7656d6974746572a47479706506a46461746192a26576c40109",
                    HexFormat.of().formatHex(message.body()));
            JsonNode decoded = RedisProtocol.decodeRequest(message.body());
            assertEquals(6, decoded.get("type").asInt());
            assertArrayEquals(new byte[] {9}, decoded.get("data").get(1).binaryValue());
        }
    }

    @Test
    void nestedBinaryAndNumbersAsJavaScriptSeesThem() throws Exception {
        JsonNode node = RedisProtocol.toNode(Map.of("file", new byte[] {7}, "list", List.of(1.0, 0.5, 1L << 40)));
        assertTrue(node.get("file").isBinary());
        JsonNode back = RedisProtocol.unpack(RedisProtocol.msgpack(node));
        assertArrayEquals(new byte[] {7}, back.get("file").binaryValue());
        assertTrue(back.get("list").get(0).isIntegralNumber(), "1.0 is the integer 1 in JS");
        assertEquals(0.5, back.get("list").get(1).doubleValue());
        assertEquals(1L << 40, back.get("list").get(2).longValue());
    }

    @Test
    void reservedEventsAndClosedEmittersAreRefused() {
        RedisEmitter emitter = RedisEmitter.create(redis.uri());
        assertThrows(IllegalArgumentException.class, () -> emitter.emit("disconnect"));
        emitter.close();
        assertThrows(IllegalStateException.class, () -> emitter.emit("news"));
        emitter.close(); // twice is fine
    }

    @Test
    void operatorsAreImmutable() throws Exception {
        try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            RedisEmitterOperator toA = emitter.to("a");
            toA.to("b");
            toA.except("c");
            toA.emit("e").get(5, TimeUnit.SECONDS);
            Message message = next();
            assertEquals("socket.io#/#a#", message.channel());
            assertEquals("{\"rooms\":[\"a\"],\"flags\":{},\"except\":[]}",
                    RedisProtocol.unpack(message.body()).get(2).toString());
        }
    }

    @Test
    void closeDoesNotHangWhenRedisIsGone() {
        try (RedisTestServer own = RedisTestServer.start()) {
            RedisEmitter emitter = RedisEmitter.create(own.uri());
            own.stop();
            emitter.emit("lost");
            long start = System.nanoTime();
            emitter.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "close took " + millis + " ms");
        }
    }
}
