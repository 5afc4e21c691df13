package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.EnginePacket;
import java.util.List;

/**
 * Turns Socket.IO packets into Engine.IO messages and back, as Node's {@code socket.io-parser} does: the default
 * is the JSON format every official client speaks ({@link #json}); another format (msgpack, say) implements this
 * interface.
 *
 * <pre>{@code
 * SocketIoParser parser = SocketIoParser.json(new ObjectMapper(), 100);
 * List<EnginePacket> messages = parser.encode(packet);          // text message, then one per attachment
 * SocketIoParser.Decoder decoder = parser.newDecoder();          // one per connection
 * SocketIoPacket decoded = decoder.add(messages.get(0));         // null while attachments are awaited
 * }</pre>
 */
public interface SocketIoParser {
    /** The Engine.IO messages of a packet: one text message, then one binary message per attachment. Thread-safe. */
    List<EnginePacket> encode(SocketIoPacket packet);

    /** A decoder for one connection's messages. */
    Decoder newDecoder();

    /** Decodes one connection's messages; stateful while a binary packet's attachments arrive. */
    interface Decoder {
        /**
         * Feeds one Engine.IO message; returns a complete packet, or null while attachments are awaited.
         *
         * @throws SocketIoProtocolException when the message breaks the protocol
         */
        SocketIoPacket add(EnginePacket message);
    }

    /**
     * The default JSON format, with this mapper for the packets' data.
     *
     * @param maxAttachments the most binary attachments one packet may announce
     */
    static SocketIoParser json(ObjectMapper mapper, int maxAttachments) {
        return new JsonParser(mapper, maxAttachments);
    }
}
