package io.tether.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.EnginePacket;
import java.util.List;

/**
 * Not Tether API: a door into tether-core's package-private Socket.IO codec ({@link PacketEncoder},
 * {@link PacketDecoder}) for the JMH benchmarks of {@code io.tether.bench.jmh}, so that tether-core does not have
 * to open them. It lives in tether-bench under tether-core's package name, which works on the class path, where
 * both jars are in the same runtime package (tether-core is not a named module and its jar is not sealed).
 */
public final class SocketIoCodecAccess {
    private SocketIoCodecAccess() {}

    /** The encoder a server builds from its options' object mapper. */
    public static Encoder encoder(ObjectMapper mapper) {
        return new Encoder(new PacketEncoder(mapper));
    }

    /** The decoder each connection builds: stateful while the attachments of a binary packet arrive. */
    public static Decoder decoder(ObjectMapper mapper, int maxAttachments) {
        return new Decoder(new PacketDecoder(mapper, maxAttachments));
    }

    /** {@link PacketEncoder}: a packet to its Engine.IO messages, the text one then one per attachment. */
    public static final class Encoder {
        private final PacketEncoder encoder;

        private Encoder(PacketEncoder encoder) {
            this.encoder = encoder;
        }

        public List<EnginePacket> encode(SocketIoPacket packet) {
            return encoder.encode(packet);
        }
    }

    /** {@link PacketDecoder}: one Engine.IO message in, a complete packet or null (attachments awaited) out. */
    public static final class Decoder {
        private final PacketDecoder decoder;

        private Decoder(PacketDecoder decoder) {
            this.decoder = decoder;
        }

        public SocketIoPacket add(EnginePacket message) {
            return decoder.add(message);
        }
    }
}
