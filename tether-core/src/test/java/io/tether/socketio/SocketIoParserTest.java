package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tether.engine.EnginePacket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public face of the packet format: what {@link SocketIoParser#json} encodes, its decoders read back. */
class SocketIoParserTest {
    private final SocketIoParser parser = SocketIoParser.json(new ObjectMapper(), 2);

    @Test
    void aBinaryEventTravelsAsATextMessageThenOneBinaryMessagePerAttachment() {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add("upload").add(new byte[] {1, 2, 3});

        List<EnginePacket> messages = parser.encode(new SocketIoPacket(PacketType.EVENT, "/files", 7, data));

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).text()).isEqualTo("51-/files,7[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(messages.get(1).binary()).containsExactly(1, 2, 3);
    }

    @Test
    void aDecoderReadsBackWhatTheParserEncodedOnceTheAttachmentsArrived() throws Exception {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add("upload").add(new byte[] {1, 2, 3});
        List<EnginePacket> messages = parser.encode(new SocketIoPacket(PacketType.EVENT, "/files", 7, data));
        SocketIoParser.Decoder decoder = parser.newDecoder();

        assertThat(decoder.add(messages.get(0))).isNull();
        SocketIoPacket decoded = decoder.add(messages.get(1));

        assertThat(decoded.namespace()).isEqualTo("/files");
        assertThat(decoded.ackId()).isEqualTo(7);
        assertThat(decoded.data().get(1).binaryValue()).containsExactly(1, 2, 3);
    }

    @Test
    void eachDecoderKeepsItsOwnConnectionsPendingAttachments() {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add("upload").add(new byte[] {9});
        List<EnginePacket> messages = parser.encode(new SocketIoPacket(PacketType.EVENT, "/", SocketIoPacket.NO_ACK,
                data));
        SocketIoParser.Decoder first = parser.newDecoder();
        SocketIoParser.Decoder second = parser.newDecoder();
        first.add(messages.get(0));

        assertThatThrownBy(() -> second.add(messages.get(1))).isInstanceOf(SocketIoProtocolException.class);
        assertThat(first.add(messages.get(1))).isNotNull();
    }

    @Test
    void aPacketAnnouncingMoreAttachmentsThanAllowedIsAProtocolError() {
        assertThatThrownBy(() -> parser.newDecoder().add(EnginePacket.message("53-[\"upload\"]")))
                .isInstanceOf(SocketIoProtocolException.class);
    }
}
