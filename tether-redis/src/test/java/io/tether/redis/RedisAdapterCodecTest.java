package io.tether.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.socketio.adapter.BroadcastOptions;
import io.tether.socketio.PacketType;
import io.tether.socketio.SocketIoPacket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The broadcast message of @socket.io/redis-adapter, as RedisAdapter writes and reads it. */
class RedisAdapterCodecTest {
    private static final JsonNode DATA = RedisProtocol.NODES.arrayNode().add("ev").add(1).add("two")
            .add(RedisProtocol.NODES.binaryNode(new byte[] {1, 2}));

    @Test
    void writesUidPacketAndOptionsAsTheNodeAdapterDoes() throws Exception {
        byte[] bytes = RedisAdapterCodec.encode("abc123", new SocketIoPacket(PacketType.EVENT, "/chat", -1, DATA),
                new BroadcastOptions(Set.of("r"), Set.of("x"), true, true, false));

        JsonNode message = RedisProtocol.unpack(bytes);
        assertThat(message.get(0).asText()).isEqualTo("abc123");
        JsonNode packet = message.get(1);
        assertThat(packet.get("type").asInt()).isEqualTo(2); // EVENT, even with binary
        assertThat(packet.get("nsp").asText()).isEqualTo("/chat");
        assertThat(packet.has("id")).isFalse();
        assertThat(packet.get("data").get(3).binaryValue()).containsExactly(1, 2);
        JsonNode opts = message.get(2);
        assertThat(List.of(opts.fieldNames().next())).containsExactly("rooms");
        assertThat(opts.get("rooms").get(0).asText()).isEqualTo("r");
        assertThat(opts.get("except").get(0).asText()).isEqualTo("x");
        assertThat(opts.get("flags").get("volatile").asBoolean()).isTrue();
        assertThat(opts.get("flags").has("local")).isFalse();
    }

    @Test
    void roundTrips() {
        BroadcastOptions options = new BroadcastOptions(Set.of("a", "b"), Set.of("c"), false, false, false);
        RedisAdapterCodec.Broadcast back = RedisAdapterCodec.decode(RedisAdapterCodec.encode("u",
                new SocketIoPacket(PacketType.EVENT, "/", -1, DATA), options));
        assertThat(back.uid()).isEqualTo("u");
        assertThat(back.packet().data()).isEqualTo(DATA);
        assertThat(back.packet().namespace()).isEqualTo("/");
        assertThat(back.options()).isEqualTo(options);
    }

    @Test
    void readsWhatANodeNodeMaySend() {
        // type 5 (BINARY_EVENT), no nsp (defaults to "/"), no flags
        ArrayNode message = RedisProtocol.NODES.arrayNode();
        message.add("nodeuid");
        ObjectNode packet = message.addObject();
        packet.put("type", 5);
        packet.set("data", DATA);
        ObjectNode opts = message.addObject();
        opts.putArray("rooms");
        opts.putArray("except").add("vip");
        RedisAdapterCodec.Broadcast read = RedisAdapterCodec.decode(RedisProtocol.msgpack(message));
        assertThat(read.packet().type()).isEqualTo(PacketType.EVENT);
        assertThat(read.packet().namespace()).isEqualTo("/");
        assertThat(read.options()).isEqualTo(new BroadcastOptions(Set.of(), Set.of("vip"), false, true, false));
    }

    @Test
    void rejectsWhatIsNotABroadcast() {
        assertThatThrownBy(() -> RedisAdapterCodec.decode(new byte[] {(byte) 0xc1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RedisAdapterCodec.decode(RedisProtocol.msgpack(RedisProtocol.NODES.textNode("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
