package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tether.engine.EnginePacket;
import java.util.List;

/** The default {@link SocketIoParser}: Socket.IO's JSON format, with binary attachments as placeholders. */
final class JsonParser implements SocketIoParser {
    private final PacketEncoder encoder;
    /** Immutable, so one reader serves every connection's decoder (a reader per connection costs memory). */
    private final ObjectReader reader;
    private final int maxAttachments;

    JsonParser(ObjectMapper mapper, int maxAttachments) {
        this.encoder = new PacketEncoder(mapper);
        this.reader = PacketDecoder.readerOf(mapper);
        this.maxAttachments = maxAttachments;
    }

    @Override
    public List<EnginePacket> encode(SocketIoPacket packet) {
        return encoder.encode(packet);
    }

    @Override
    public Decoder newDecoder() {
        return new PacketDecoder(reader, maxAttachments);
    }
}
