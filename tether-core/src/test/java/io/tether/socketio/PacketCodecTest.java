package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.EngineCodec;
import io.tether.engine.EnginePacket;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Socket.IO v5 packet encoding and decoding, with the wire strings of the socket.io-protocol README and the
 * validation rules of Node's socket.io-parser.
 */
class PacketCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long NO_ACK = SocketIoPacket.NO_ACK;

    private final PacketEncoder encoder = new PacketEncoder(MAPPER);
    private final PacketDecoder decoder = new PacketDecoder(MAPPER, 10);

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static SocketIoPacket packet(PacketType type, String nsp, long ackId, JsonNode data) {
        return new SocketIoPacket(type, nsp, ackId, data);
    }

    /** The text of the single Engine.IO message a packet without binary encodes to. */
    private String encodeText(SocketIoPacket packet) {
        List<EnginePacket> out = encoder.encode(packet);
        assertThat(out).hasSize(1);
        return out.get(0).text();
    }

    private SocketIoPacket decode(String text) {
        return decoder.add(EnginePacket.message(text));
    }

    private SocketIoPacket feed(byte[] attachment) {
        return decoder.add(EnginePacket.binary(attachment));
    }

    @Nested
    class Encoding {
        @Test
        void encodesConnectToMainNamespaceAsBareDigit() {
            assertThat(encodeText(packet(PacketType.CONNECT, "/", NO_ACK, null))).isEqualTo("0");
        }

        @Test
        void encodesConnectToCustomNamespaceWithTrailingComma() {
            assertThat(encodeText(packet(PacketType.CONNECT, "/admin", NO_ACK, null))).isEqualTo("0/admin,");
        }

        @Test
        void encodesConnectWithNamespaceAndAuthPayload() {
            assertThat(encodeText(packet(PacketType.CONNECT, "/admin", NO_ACK, json("{\"token\":\"x\"}"))))
                    .isEqualTo("0/admin,{\"token\":\"x\"}");
        }

        @Test
        void encodesConnectReplyWithSid() {
            assertThat(encodeText(packet(PacketType.CONNECT, "/admin", NO_ACK,
                    json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"))))
                    .isEqualTo("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        }

        @Test
        void encodesDisconnectFromMainNamespace() {
            assertThat(encodeText(packet(PacketType.DISCONNECT, "/", NO_ACK, null))).isEqualTo("1");
        }

        @Test
        void encodesDisconnectFromCustomNamespace() {
            assertThat(encodeText(packet(PacketType.DISCONNECT, "/admin", NO_ACK, null))).isEqualTo("1/admin,");
        }

        @Test
        void encodesEventInMainNamespace() {
            assertThat(encodeText(packet(PacketType.EVENT, "/", NO_ACK, json("[\"foo\"]")))).isEqualTo("2[\"foo\"]");
        }

        @Test
        void encodesEventInCustomNamespace() {
            assertThat(encodeText(packet(PacketType.EVENT, "/admin", NO_ACK, json("[\"bar\"]"))))
                    .isEqualTo("2/admin,[\"bar\"]");
        }

        @Test
        void encodesEventWithAckId() {
            assertThat(encodeText(packet(PacketType.EVENT, "/", 12, json("[\"foo\"]")))).isEqualTo("212[\"foo\"]");
        }

        @Test
        void encodesEventWithNamespaceAndAckId() {
            assertThat(encodeText(packet(PacketType.EVENT, "/admin", 12, json("[\"ev\"]"))))
                    .isEqualTo("2/admin,12[\"ev\"]");
        }

        @Test
        void encodesAckWithNamespace() {
            assertThat(encodeText(packet(PacketType.ACK, "/admin", 13, json("[\"bar\"]"))))
                    .isEqualTo("3/admin,13[\"bar\"]");
        }

        @Test
        void encodesAckWithEmptyArguments() {
            assertThat(encodeText(packet(PacketType.ACK, "/", 12, json("[]")))).isEqualTo("312[]");
        }

        @Test
        void encodesConnectError() {
            assertThat(encodeText(packet(PacketType.CONNECT_ERROR, "/", NO_ACK,
                    json("{\"message\":\"Not authorized\"}")))).isEqualTo("4{\"message\":\"Not authorized\"}");
        }

        @Test
        void encodesEventWithBinaryAsBinaryEventFollowedByAttachment() {
            ArrayNode data = NODES.arrayNode().add("hello").add(BinaryNode.valueOf(bytes(1, 2, 3, 4)));
            List<EnginePacket> out = encoder.encode(packet(PacketType.EVENT, "/", NO_ACK, data));
            assertThat(out).containsExactly(
                    EnginePacket.message("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]"),
                    EnginePacket.binary(bytes(1, 2, 3, 4)));
        }

        @Test
        void binaryEventTravelsWithEngineMessagePrefix() {
            ArrayNode data = NODES.arrayNode().add("hello").add(BinaryNode.valueOf(bytes(1)));
            EnginePacket first = encoder.encode(packet(PacketType.EVENT, "/", NO_ACK, data)).get(0);
            assertThat(EngineCodec.encodeText(first)).isEqualTo("451-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
        }

        @Test
        void encodesSeveralAttachmentsNumberedInOrder() {
            ArrayNode data = NODES.arrayNode().add("baz").add(BinaryNode.valueOf(bytes(1, 2)))
                    .add(BinaryNode.valueOf(bytes(3, 4)));
            List<EnginePacket> out = encoder.encode(packet(PacketType.EVENT, "/admin", NO_ACK, data));
            assertThat(out).containsExactly(
                    EnginePacket.message("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},"
                            + "{\"_placeholder\":true,\"num\":1}]"),
                    EnginePacket.binary(bytes(1, 2)), EnginePacket.binary(bytes(3, 4)));
        }

        @Test
        void encodesBinaryNestedInsideObjectsAndArrays() {
            ObjectNode inner = NODES.objectNode();
            inner.set("a", BinaryNode.valueOf(bytes(1)));
            inner.set("list", NODES.arrayNode().add(NODES.objectNode().set("deep", BinaryNode.valueOf(bytes(2)))));
            ArrayNode data = NODES.arrayNode().add("ev").add(inner);
            List<EnginePacket> out = encoder.encode(packet(PacketType.EVENT, "/", NO_ACK, data));
            assertThat(out).containsExactly(
                    EnginePacket.message("52-[\"ev\",{\"a\":{\"_placeholder\":true,\"num\":0},"
                            + "\"list\":[{\"deep\":{\"_placeholder\":true,\"num\":1}}]}]"),
                    EnginePacket.binary(bytes(1)), EnginePacket.binary(bytes(2)));
        }

        @Test
        void encodesAckWithBinaryAsBinaryAck() {
            ArrayNode data = NODES.arrayNode().add("bar").add(BinaryNode.valueOf(bytes(1, 2, 3, 4)));
            List<EnginePacket> out = encoder.encode(packet(PacketType.ACK, "/", 15, data));
            assertThat(out).containsExactly(
                    EnginePacket.message("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]"),
                    EnginePacket.binary(bytes(1, 2, 3, 4)));
        }

        @Test
        void encodesBinaryAckWithNamespace() {
            ArrayNode data = NODES.arrayNode().add(BinaryNode.valueOf(bytes(7)));
            List<EnginePacket> out = encoder.encode(packet(PacketType.ACK, "/admin", 1, data));
            assertThat(out.get(0)).isEqualTo(EnginePacket.message("61-/admin,1[{\"_placeholder\":true,\"num\":0}]"));
        }

        @Test
        void leavesTheCallersTreeUntouched() {
            ArrayNode data = NODES.arrayNode().add("ev").add(BinaryNode.valueOf(bytes(1)));
            encoder.encode(packet(PacketType.EVENT, "/", NO_ACK, data));
            assertThat(data.get(1)).isEqualTo(BinaryNode.valueOf(bytes(1)));
        }
    }

    @Nested
    class Decoding {
        @Test
        void decodesConnectToMainNamespace() {
            assertThat(decode("0")).isEqualTo(packet(PacketType.CONNECT, "/", NO_ACK, null));
        }

        @Test
        void decodesConnectWithNamespaceAndAuthPayload() {
            assertThat(decode("0/admin,{\"token\":\"x\"}"))
                    .isEqualTo(packet(PacketType.CONNECT, "/admin", NO_ACK, json("{\"token\":\"x\"}")));
        }

        @Test
        void decodesConnectToNamespaceWithTrailingComma() {
            assertThat(decode("0/admin,")).isEqualTo(packet(PacketType.CONNECT, "/admin", NO_ACK, null));
        }

        @Test
        void decodesConnectToNamespaceWithoutComma() {
            assertThat(decode("0/admin")).isEqualTo(packet(PacketType.CONNECT, "/admin", NO_ACK, null));
        }

        @Test
        void decodesConnectWithAuthInMainNamespace() {
            assertThat(decode("0{\"token\":\"123\"}"))
                    .isEqualTo(packet(PacketType.CONNECT, "/", NO_ACK, json("{\"token\":\"123\"}")));
        }

        @Test
        void decodesDisconnect() {
            assertThat(decode("1/admin,")).isEqualTo(packet(PacketType.DISCONNECT, "/admin", NO_ACK, null));
        }

        @Test
        void decodesEvent() {
            assertThat(decode("2[\"foo\",1,{\"a\":true}]"))
                    .isEqualTo(packet(PacketType.EVENT, "/", NO_ACK, json("[\"foo\",1,{\"a\":true}]")));
        }

        @Test
        void decodesEventWithNamespaceAndAckId() {
            assertThat(decode("2/admin,12[\"ev\"]"))
                    .isEqualTo(packet(PacketType.EVENT, "/admin", 12, json("[\"ev\"]")));
        }

        @Test
        void decodesEventWithAckIdInMainNamespace() {
            assertThat(decode("212[\"foo\"]")).isEqualTo(packet(PacketType.EVENT, "/", 12, json("[\"foo\"]")));
        }

        @Test
        void decodesEventNamedByNumber() {
            assertThat(decode("2[42,\"x\"]")).isEqualTo(packet(PacketType.EVENT, "/", NO_ACK, json("[42,\"x\"]")));
        }

        @Test
        void decodesAck() {
            assertThat(decode("3/admin,13[\"bar\"]"))
                    .isEqualTo(packet(PacketType.ACK, "/admin", 13, json("[\"bar\"]")));
        }

        @Test
        void decodesAckWithEmptyArguments() {
            assertThat(decode("312[]")).isEqualTo(packet(PacketType.ACK, "/", 12, json("[]")));
        }

        @Test
        void decodesConnectErrorWithObject() {
            assertThat(decode("4{\"message\":\"Not authorized\"}")).isEqualTo(
                    packet(PacketType.CONNECT_ERROR, "/", NO_ACK, json("{\"message\":\"Not authorized\"}")));
        }

        @Test
        void decodesConnectErrorWithString() {
            assertThat(decode("4/admin,\"Not authorized\""))
                    .isEqualTo(packet(PacketType.CONNECT_ERROR, "/admin", NO_ACK, json("\"Not authorized\"")));
        }

        @Test
        void waitsForAttachmentsOfBinaryEvent() {
            assertThat(decode("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]")).isNull();
        }

        @Test
        void decodesBinaryEventAsEventWithBinaryInPlace() {
            decode("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
            SocketIoPacket done = feed(bytes(1, 2, 3, 4));
            assertThat(done).isEqualTo(packet(PacketType.EVENT, "/", NO_ACK,
                    NODES.arrayNode().add("hello").add(BinaryNode.valueOf(bytes(1, 2, 3, 4)))));
        }

        @Test
        void decodesBinaryAckAsAckWithBinaryInPlace() {
            decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
            SocketIoPacket done = feed(bytes(9));
            assertThat(done).isEqualTo(packet(PacketType.ACK, "/", 15,
                    NODES.arrayNode().add("bar").add(BinaryNode.valueOf(bytes(9)))));
        }

        @Test
        void decodesSeveralAttachmentsInTheirPlaceholderOrder() {
            decode("52-/admin,3[\"baz\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
            assertThat(feed(bytes(1, 2))).isNull();
            SocketIoPacket done = feed(bytes(3, 4));
            assertThat(done).isEqualTo(packet(PacketType.EVENT, "/admin", 3, NODES.arrayNode().add("baz")
                    .add(BinaryNode.valueOf(bytes(3, 4))).add(BinaryNode.valueOf(bytes(1, 2)))));
        }

        @Test
        void decodesBinaryNestedInsideObjects() {
            decode("52-[\"ev\",{\"a\":{\"_placeholder\":true,\"num\":0},"
                    + "\"list\":[{\"deep\":{\"_placeholder\":true,\"num\":1}}]}]");
            feed(bytes(1));
            SocketIoPacket done = feed(bytes(2));
            JsonNode arg = done.data().get(1);
            assertThat(arg.get("a")).isEqualTo(BinaryNode.valueOf(bytes(1)));
            assertThat(arg.get("list").get(0).get("deep")).isEqualTo(BinaryNode.valueOf(bytes(2)));
        }

        @Test
        void leavesObjectsWhosePlaceholderFlagIsFalse() {
            decode("51-[\"ev\",{\"_placeholder\":false,\"num\":0},{\"_placeholder\":true,\"num\":0}]");
            SocketIoPacket done = feed(bytes(5));
            assertThat(done.data().get(1)).isEqualTo(json("{\"_placeholder\":false,\"num\":0}"));
            assertThat(done.data().get(2)).isEqualTo(BinaryNode.valueOf(bytes(5)));
        }

        @Test
        void decodesBinaryEventWithZeroAttachmentsAtOnce() {
            SocketIoPacket done = decode("50-[\"ev\",1]");
            assertThat(done).isNotNull();
            assertThat(done.data()).isEqualTo(json("[\"ev\",1]"));
        }

        @Test
        void decodesTextPacketAfterACompletedBinaryPacket() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
            feed(bytes(1));
            assertThat(decode("2[\"b\"]")).isEqualTo(packet(PacketType.EVENT, "/", NO_ACK, json("[\"b\"]")));
        }
    }

    @Nested
    class RoundTrips {
        private SocketIoPacket roundTrip(SocketIoPacket packet) {
            SocketIoPacket result = null;
            for (EnginePacket message : encoder.encode(packet)) {
                result = decoder.add(message);
            }
            return result;
        }

        @Test
        void roundTripsConnectWithoutPayload() {
            SocketIoPacket p = packet(PacketType.CONNECT, "/", NO_ACK, null);
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsConnectWithNamespaceAndAuth() {
            SocketIoPacket p = packet(PacketType.CONNECT, "/admin", NO_ACK, json("{\"token\":\"x\"}"));
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsDisconnect() {
            SocketIoPacket p = packet(PacketType.DISCONNECT, "/admin", NO_ACK, null);
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsEventWithAckId() {
            SocketIoPacket p = packet(PacketType.EVENT, "/admin", 12, json("[\"ev\",{\"n\":[1,2]},\"€\"]"));
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsAck() {
            SocketIoPacket p = packet(PacketType.ACK, "/", 7, json("[null,\"ok\"]"));
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsConnectError() {
            SocketIoPacket p = packet(PacketType.CONNECT_ERROR, "/admin", NO_ACK, json("{\"message\":\"no\"}"));
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsEventWithBinaryAsBinaryEvent() {
            ObjectNode nested = NODES.objectNode();
            nested.set("file", BinaryNode.valueOf(bytes(0, 255)));
            SocketIoPacket p = packet(PacketType.EVENT, "/admin", 3, NODES.arrayNode().add("upload")
                    .add(BinaryNode.valueOf(bytes(1))).add(nested));
            assertThat(roundTrip(p)).isEqualTo(p);
        }

        @Test
        void roundTripsAckWithBinaryAsBinaryAck() {
            SocketIoPacket p = packet(PacketType.ACK, "/", 15, NODES.arrayNode().add(BinaryNode.valueOf(bytes(4))));
            assertThat(roundTrip(p)).isEqualTo(p);
        }
    }

    @Nested
    class MalformedInput {
        @Test
        void rejectsUnknownPacketType() {
            assertThatThrownBy(() -> decode("7[\"a\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsNonDigitPacketType() {
            assertThatThrownBy(() -> decode("x")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsEmptyMessage() {
            assertThatThrownBy(() -> decode("")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsBadJson() {
            assertThatThrownBy(() -> decode("2[\"a\"")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsTrailingGarbageAfterJson() {
            assertThatThrownBy(() -> decode("2[\"a\"]xyz")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsSecondJsonValueAfterPayload() {
            assertThatThrownBy(() -> decode("2[\"a\"][\"b\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsInvalidAckId() {
            // 42abc["ev"] on the wire
            assertThatThrownBy(() -> decode("2abc[\"ev\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsOverlongAckId() {
            assertThatThrownBy(() -> decode("21234567890123456[\"ev\"]"))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsEventPayloadThatIsNotAnArray() {
            assertThatThrownBy(() -> decode("2{}")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsEventWithoutPayload() {
            assertThatThrownBy(() -> decode("2")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsEmptyEventArray() {
            assertThatThrownBy(() -> decode("2[]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsEventNameThatIsNeitherStringNorNumber() {
            assertThatThrownBy(() -> decode("2[{\"a\":1}]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener"})
        void rejectsReservedEventName(String name) {
            assertThatThrownBy(() -> decode("2[\"" + name + "\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsReservedEventNameInBinaryEvent() {
            assertThatThrownBy(() -> decode("51-[\"disconnect\",{\"_placeholder\":true,\"num\":0}]"))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsDisconnectWithData() {
            assertThatThrownBy(() -> decode("1/admin,{}")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsConnectWithArrayPayload() {
            assertThatThrownBy(() -> decode("0[\"token\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsConnectWithStringPayload() {
            assertThatThrownBy(() -> decode("0\"token\"")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsConnectErrorWithoutPayload() {
            assertThatThrownBy(() -> decode("4")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsConnectErrorWithArrayPayload() {
            assertThatThrownBy(() -> decode("4[\"no\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsAckWithoutPayload() {
            assertThatThrownBy(() -> decode("312")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsAckWithObjectPayload() {
            assertThatThrownBy(() -> decode("312{}")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsNamespaceRunningIntoPayloadWithoutComma() {
            assertThatThrownBy(() -> decode("2/admin[\"ev\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsAttachmentCountNotFollowedByDash() {
            assertThatThrownBy(() -> decode("51[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsBinaryEventWithoutAttachmentCount() {
            assertThatThrownBy(() -> decode("5-[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsNonNumericAttachmentCount() {
            assertThatThrownBy(() -> decode("5x-[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsMoreAttachmentsThanMaxAttachments() {
            PacketDecoder strict = new PacketDecoder(MAPPER, 2);
            assertThatThrownBy(() -> strict.add(EnginePacket.message("53-[\"a\"]")))
                    .isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void acceptsExactlyMaxAttachments() {
            PacketDecoder strict = new PacketDecoder(MAPPER, 2);
            assertThat(strict.add(EnginePacket.message(
                    "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"))).isNull();
        }

        @Test
        void rejectsPlaceholderNumBeyondTheAttachments() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":1}]");
            assertThatThrownBy(() -> feed(bytes(1))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsNegativePlaceholderNum() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":-1}]");
            assertThatThrownBy(() -> feed(bytes(1))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsPlaceholderWithoutNum() {
            decode("51-[\"a\",{\"_placeholder\":true}]");
            assertThatThrownBy(() -> feed(bytes(1))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsPlaceholderWithStringNum() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]");
            assertThatThrownBy(() -> feed(bytes(1))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsBinaryDataWhenNotReconstructing() {
            assertThatThrownBy(() -> feed(bytes(1, 2))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsTextWhileReconstructing() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
            assertThatThrownBy(() -> decode("2[\"b\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void keepsWaitingWhenFewerAttachmentsArriveThanAnnounced() {
            decode("52-[\"a\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(feed(bytes(1))).isNull();
        }

        @Test
        void rejectsTextWhenFewerAttachmentsArrivedThanAnnounced() {
            decode("52-[\"a\",{\"_placeholder\":true,\"num\":0}]");
            feed(bytes(1));
            assertThatThrownBy(() -> decode("2[\"b\"]")).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsMorePlaceholdersThanAnnouncedAttachments() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            assertThatThrownBy(() -> feed(bytes(1))).isInstanceOf(SocketIoProtocolException.class);
        }

        @Test
        void rejectsBinaryDataAfterACompletedBinaryPacket() {
            decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
            feed(bytes(1));
            assertThatThrownBy(() -> feed(bytes(2))).isInstanceOf(SocketIoProtocolException.class);
        }
    }
}
