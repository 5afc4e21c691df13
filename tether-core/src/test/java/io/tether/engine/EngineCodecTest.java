package io.tether.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO packet and payload encoding, as described by the engine.io-protocol README (v4) and the v3 branch
 * of engine.io-parser (length-prefixed text payloads, binary payloads, typed binary frames).
 */
class EngineCodecTest {
    private static final String RS = "\u001e";

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Nested
    class SinglePackets {
        @Test
        void encodesOpenPacketWithHandshakeData() {
            assertThat(EngineCodec.encodeText(EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"abc\"}")))
                    .isEqualTo("0{\"sid\":\"abc\"}");
        }

        @Test
        void encodesCloseAsBareDigit() {
            assertThat(EngineCodec.encodeText(EnginePacket.CLOSE)).isEqualTo("1");
        }

        @Test
        void encodesPingAsBareDigit() {
            assertThat(EngineCodec.encodeText(EnginePacket.PING)).isEqualTo("2");
        }

        @Test
        void encodesPongWithProbeData() {
            assertThat(EngineCodec.encodeText(EnginePacket.of(EnginePacketType.PONG, "probe"))).isEqualTo("3probe");
        }

        @Test
        void encodesMessageWithItsText() {
            assertThat(EngineCodec.encodeText(EnginePacket.message("hello"))).isEqualTo("4hello");
        }

        @Test
        void encodesUpgradeAsBareDigit() {
            assertThat(EngineCodec.encodeText(EnginePacket.UPGRADE)).isEqualTo("5");
        }

        @Test
        void encodesNoopAsBareDigit() {
            assertThat(EngineCodec.encodeText(EnginePacket.NOOP)).isEqualTo("6");
        }

        @Test
        void refusesToEncodeBinaryPacketAsText() {
            assertThatThrownBy(() -> EngineCodec.encodeText(EnginePacket.binary(bytes(1))))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void decodesOpenPacket() {
            assertThat(EngineCodec.decodeText("0{\"sid\":\"abc\"}"))
                    .isEqualTo(EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"abc\"}"));
        }

        @Test
        void decodesClosePacket() {
            assertThat(EngineCodec.decodeText("1")).isEqualTo(EnginePacket.CLOSE);
        }

        @Test
        void decodesPingPacket() {
            assertThat(EngineCodec.decodeText("2")).isEqualTo(EnginePacket.PING);
        }

        @Test
        void decodesPingProbePacket() {
            assertThat(EngineCodec.decodeText("2probe")).isEqualTo(EnginePacket.of(EnginePacketType.PING, "probe"));
        }

        @Test
        void decodesPongPacket() {
            assertThat(EngineCodec.decodeText("3")).isEqualTo(EnginePacket.PONG);
        }

        @Test
        void decodesMessagePacket() {
            assertThat(EngineCodec.decodeText("4hello")).isEqualTo(EnginePacket.message("hello"));
        }

        @Test
        void decodesMessageWithNonAsciiText() {
            assertThat(EngineCodec.decodeText("4€ 😀")).isEqualTo(EnginePacket.message("€ 😀"));
        }

        @Test
        void decodesUpgradePacket() {
            assertThat(EngineCodec.decodeText("5")).isEqualTo(EnginePacket.UPGRADE);
        }

        @Test
        void decodesNoopPacket() {
            assertThat(EngineCodec.decodeText("6")).isEqualTo(EnginePacket.NOOP);
        }

        @Test
        void rejectsEmptyPacket() {
            assertThatThrownBy(() -> EngineCodec.decodeText("")).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsNullPacket() {
            assertThatThrownBy(() -> EngineCodec.decodeText(null)).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsUnknownPacketTypeDigit() {
            assertThatThrownBy(() -> EngineCodec.decodeText("7")).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsNonDigitPacketType() {
            assertThatThrownBy(() -> EngineCodec.decodeText("xhello")).isInstanceOf(EngineProtocolException.class);
        }
    }

    @Nested
    class WebSocketFrames {
        @Test
        void encodesV4BinaryFrameAsRawBytes() {
            assertThat(EngineCodec.encodeBinaryFrame(EnginePacket.binary(bytes(1, 2, 3)), 4))
                    .containsExactly(1, 2, 3);
        }

        @Test
        void decodesV4BinaryFrameAsBinaryMessage() {
            assertThat(EngineCodec.decodeBinaryFrame(bytes(1, 2, 3), 4))
                    .isEqualTo(EnginePacket.binary(bytes(1, 2, 3)));
        }

        @Test
        void encodesV3BinaryFrameWithLeadingMessageTypeByte() {
            assertThat(EngineCodec.encodeBinaryFrame(EnginePacket.binary(bytes(1, 2, 3)), 3))
                    .containsExactly(4, 1, 2, 3);
        }

        @Test
        void decodesV3BinaryFrameByStrippingLeadingTypeByte() {
            assertThat(EngineCodec.decodeBinaryFrame(bytes(4, 1, 2, 3), 3))
                    .isEqualTo(EnginePacket.binary(bytes(1, 2, 3)));
        }

        @Test
        void decodesV3BinaryFrameWithOnlyTheTypeByteAsEmptyMessage() {
            assertThat(EngineCodec.decodeBinaryFrame(bytes(4), 3)).isEqualTo(EnginePacket.binary(new byte[0]));
        }

        @Test
        void rejectsEmptyV3BinaryFrame() {
            assertThatThrownBy(() -> EngineCodec.decodeBinaryFrame(new byte[0], 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsV3BinaryFrameWhoseTypeByteIsNotMessage() {
            assertThatThrownBy(() -> EngineCodec.decodeBinaryFrame(bytes(2, 1, 2), 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsV3BinaryFrameWithAsciiDigitAsTypeByte() {
            assertThatThrownBy(() -> EngineCodec.decodeBinaryFrame(bytes('4', 1, 2), 3))
                    .isInstanceOf(EngineProtocolException.class);
        }
    }

    @Nested
    class V4Payloads {
        @Test
        void encodesSinglePacketWithoutSeparator() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("hello")), 4)).isEqualTo("4hello");
        }

        @Test
        void encodesPacketsJoinedByRecordSeparator() {
            String payload = EngineCodec.encodePayload(
                    List.of(EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world")), 4);
            assertThat(payload).isEqualTo("4hello" + RS + "2" + RS + "4world");
        }

        @Test
        void encodesBinaryPacketAsBPrefixedBase64() {
            String payload = EngineCodec.encodePayload(
                    List.of(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4))), 4);
            assertThat(payload).isEqualTo("4hello" + RS + "bAQIDBA==");
        }

        @Test
        void decodesPacketsSeparatedByRecordSeparator() {
            assertThat(EngineCodec.decodePayload("4hello" + RS + "2" + RS + "4world", 4)).containsExactly(
                    EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world"));
        }

        @Test
        void decodesPayloadWithBinaryPacket() {
            assertThat(EngineCodec.decodePayload("4hello" + RS + "bAQIDBA==", 4))
                    .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4)));
        }

        @Test
        void decodesSinglePacketPayload() {
            assertThat(EngineCodec.decodePayload("1", 4)).containsExactly(EnginePacket.CLOSE);
        }

        @Test
        void decodesNonAsciiMessagesInPayload() {
            assertThat(EngineCodec.decodePayload("4€" + RS + "4😀", 4))
                    .containsExactly(EnginePacket.message("€"), EnginePacket.message("😀"));
        }

        @Test
        void roundTripsMixedPayload() {
            List<EnginePacket> packets = List.of(EnginePacket.of(EnginePacketType.OPEN, "{}"),
                    EnginePacket.message("a"), EnginePacket.binary(bytes(0, 255, 128)), EnginePacket.NOOP);
            assertThat(EngineCodec.decodePayload(EngineCodec.encodePayload(packets, 4), 4))
                    .containsExactlyElementsOf(packets);
        }

        @Test
        void rejectsEmptyPayload() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("", 4)).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsTrailingSeparator() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4hello" + RS, 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsLeadingSeparator() {
            assertThatThrownBy(() -> EngineCodec.decodePayload(RS + "4hello", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsTwoSeparatorsInARow() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4a" + RS + RS + "4b", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsUnknownPacketTypeInPayload() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4hello" + RS + "9", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsInvalidBase64Characters() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("b!!!!", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsTruncatedBase64() {
            // five base64 characters leave a dangling sextet that encodes no whole byte
            assertThatThrownBy(() -> EngineCodec.decodePayload("bAQIDB", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsBase64WithPaddingInTheMiddle() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("bAQ==IDBA", 4))
                    .isInstanceOf(EngineProtocolException.class);
        }
    }

    @Nested
    class V3TextPayloads {
        @Test
        void encodesPacketWithItsLengthAndColon() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("hello")), 3)).isEqualTo("6:4hello");
        }

        @Test
        void encodesSeveralPacketsBackToBack() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("hello"), EnginePacket.PING), 3))
                    .isEqualTo("6:4hello1:2");
        }

        @Test
        void countsLengthInUtf16CharsNotUtf8Bytes() {
            // the spec's own example: "€" travels as 2:4€ although it is three bytes in UTF-8
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("€")), 3)).isEqualTo("2:4€");
        }

        @Test
        void countsSupplementaryCharacterAsTwoUtf16Chars() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.message("😀")), 3)).isEqualTo("3:4😀");
        }

        @Test
        void encodesBinaryPacketAsBFollowedByTypeAndBase64() {
            assertThat(EngineCodec.encodePayload(List.of(EnginePacket.binary(bytes(1, 2, 3, 4))), 3))
                    .isEqualTo("10:b4AQIDBA==");
        }

        @Test
        void decodesLengthPrefixedPackets() {
            assertThat(EngineCodec.decodePayload("6:4hello1:22:3x", 3)).containsExactly(
                    EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.of(EnginePacketType.PONG, "x"));
        }

        @Test
        void decodesNonAsciiTextUsingUtf16Lengths() {
            assertThat(EngineCodec.decodePayload("2:4€3:4😀6:4héllo", 3)).containsExactly(
                    EnginePacket.message("€"), EnginePacket.message("😀"), EnginePacket.message("héllo"));
        }

        @Test
        void decodesBase64BinaryPacket() {
            assertThat(EngineCodec.decodePayload("6:4hello10:b4AQIDBA==", 3))
                    .containsExactly(EnginePacket.message("hello"), EnginePacket.binary(bytes(1, 2, 3, 4)));
        }

        @Test
        void decodesMessageContainingColonsAndDigits() {
            assertThat(EngineCodec.decodePayload("7:412:3:4", 3)).containsExactly(EnginePacket.message("12:3:4"));
        }

        @Test
        void roundTripsMixedPayload() {
            List<EnginePacket> packets = List.of(EnginePacket.message("€uro"), EnginePacket.binary(bytes(9, 8)),
                    EnginePacket.of(EnginePacketType.PING, "probe"));
            assertThat(EngineCodec.decodePayload(EngineCodec.encodePayload(packets, 3), 3))
                    .containsExactlyElementsOf(packets);
        }

        @Test
        void rejectsEmptyPayload() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("", 3)).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsLengthLongerThanTheData() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("7:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsLengthShorterThanTheData() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("5:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsUtf8ByteCountUsedAsLength() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4:4€", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsNonNumericLength() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("x:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsNegativeLength() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("-6:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsNonAsciiDigitsInLength() {
            // Arabic-Indic digit six: Character.isDigit says yes, but it is not a length
            assertThatThrownBy(() -> EngineCodec.decodePayload("\u0666:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsEntryWithoutLength() {
            assertThatThrownBy(() -> EngineCodec.decodePayload(":4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsPayloadWithoutColon() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsAbsurdlyLongLength() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("99999999999:4hello", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsUnknownPacketTypeInEntry() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("2:9x", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsBase64EntryThatIsNotAMessage() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("10:b2AQIDBA==", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsBase64EntryWithInvalidBase64() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("6:b4!!!!", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsBareBEntry() {
            assertThatThrownBy(() -> EngineCodec.decodePayload("1:b", 3))
                    .isInstanceOf(EngineProtocolException.class);
        }
    }

    @Nested
    class V3BinaryPayloads {
        @Test
        void decodesTextEntry() {
            byte[] payload = concat(bytes(0, 6, 0xFF), "4hello".getBytes(StandardCharsets.UTF_8));
            assertThat(EngineCodec.decodeV3BinaryPayload(payload)).containsExactly(EnginePacket.message("hello"));
        }

        @Test
        void decodesBinaryEntryWithLeadingTypeByte() {
            byte[] payload = bytes(1, 4, 0xFF, 4, 1, 2, 3);
            assertThat(EngineCodec.decodeV3BinaryPayload(payload))
                    .containsExactly(EnginePacket.binary(bytes(1, 2, 3)));
        }

        @Test
        void decodesMultiDigitLengthWrittenOneDigitPerByte() {
            String text = "4" + "x".repeat(11);
            byte[] payload = concat(bytes(0, 1, 2, 0xFF), text.getBytes(StandardCharsets.UTF_8));
            assertThat(EngineCodec.decodeV3BinaryPayload(payload))
                    .containsExactly(EnginePacket.message("x".repeat(11)));
        }

        @Test
        void decodesTextAndBinaryEntriesInOrder() {
            byte[] payload = concat(bytes(0, 2, 0xFF), "2x".getBytes(StandardCharsets.UTF_8),
                    bytes(1, 3, 0xFF, 4, 0xFF, 0), bytes(0, 1, 0xFF), "6".getBytes(StandardCharsets.UTF_8));
            assertThat(EngineCodec.decodeV3BinaryPayload(payload)).containsExactly(
                    EnginePacket.of(EnginePacketType.PING, "x"), EnginePacket.binary(bytes(0xFF, 0)),
                    EnginePacket.NOOP);
        }

        @Test
        void countsTextEntryLengthInUtf8Bytes() {
            byte[] text = "4€".getBytes(StandardCharsets.UTF_8);
            byte[] payload = concat(bytes(0, 4, 0xFF), text);
            assertThat(EngineCodec.decodeV3BinaryPayload(payload)).containsExactly(EnginePacket.message("€"));
        }

        @Test
        void rejectsEmptyPayload() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(new byte[0]))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsUnknownKindMarker() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(2, 1, 0xFF, '6')))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsAsciiDigitInsteadOfDigitByte() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, '1', 0xFF, '6')))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsDigitByteAboveNine() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 10, 0xFF, '6')))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsMissingFfTerminator() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 1)))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsMissingLengthDigits() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 0xFF, '6')))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsTooManyLengthDigits() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                    0xFF, '6'))).isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsLengthBeyondTheData() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 5, 0xFF, '4', 'h', 'i')))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsZeroLength() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 0, 0xFF)))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsBinaryEntryWithoutMessageTypeByte() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(1, 2, 0xFF, 2, 1)))
                    .isInstanceOf(EngineProtocolException.class);
        }

        @Test
        void rejectsTextEntryWithUnknownPacketType() {
            assertThatThrownBy(() -> EngineCodec.decodeV3BinaryPayload(bytes(0, 1, 0xFF, '9')))
                    .isInstanceOf(EngineProtocolException.class);
        }
    }

    @Test
    void v3BinaryPayloadEncodingDecodesBackToTheSamePackets() {
        List<EnginePacket> packets = List.of(EnginePacket.message("héllo"), EnginePacket.binary(new byte[] {9, 8, 7}),
                EnginePacket.PING);
        assertThat(EngineCodec.decodeV3BinaryPayload(EngineCodec.encodeV3BinaryPayload(packets)))
                .containsExactlyElementsOf(packets);
    }

    @Test
    void v3BinaryPayloadWritesLengthsAsOneByteADigit() {
        byte[] payload = EngineCodec.encodeV3BinaryPayload(List.of(EnginePacket.binary(new byte[11])));
        assertThat(payload).startsWith(1, 1, 2, 0xFF, 4);
        assertThat(payload).hasSize(4 + 12);
    }
}
