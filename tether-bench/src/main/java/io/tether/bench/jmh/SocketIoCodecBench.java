package io.tether.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tether.engine.EnginePacket;
import io.tether.socketio.PacketType;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoPacket;
import io.tether.socketio.SocketIoParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Socket.IO codec, the default {@link SocketIoParser} (JSON) as tether-core's public API gives it, with the
 * default server's object mapper. The encoder's input is a packet
 * whose JSON tree is already built (an emit builds it once, then encodes); the decoder's input is the Engine.IO
 * message, the WebSocket frame without its leading {@code 4} (see {@link EngineCodecBench#decodeText}).
 *
 * <pre>
 * java -cp tether-bench/target/tether-bench.jar org.openjdk.jmh.Main SocketIoCodecBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SocketIoCodecBench {
    static final String EVENT = "2[\"echo\",{\"a\":1,\"s\":\"hello\"}]";
    static final String EVENT_WITH_ACK = "21[\"echo\",{\"a\":1,\"s\":\"hello\"}]";
    static final String BINARY_EVENT = "51-[\"upload\",{\"name\":\"a.bin\",\"data\":{\"_placeholder\":true,\"num\":0}}]";
    static final int ATTACHMENT_SIZE = 1024;

    SocketIoParser parser;
    SocketIoParser.Decoder decoder;
    SocketIoPacket event;
    SocketIoPacket eventWithAck;
    SocketIoPacket binaryEvent;
    EnginePacket eventMessage;
    EnginePacket eventWithAckMessage;
    EnginePacket binaryEventMessage;
    EnginePacket attachmentMessage;

    @Setup
    public void setUp() {
        SocketIoOptions options = SocketIoOptions.defaults();
        ObjectMapper mapper = options.objectMapper();
        parser = SocketIoParser.json(mapper, options.maxAttachments());
        decoder = parser.newDecoder();

        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode argument = nodes.objectNode().put("a", 1).put("s", "hello");
        ArrayNode data = nodes.arrayNode().add("echo").add(argument);
        event = new SocketIoPacket(PacketType.EVENT, "/", SocketIoPacket.NO_ACK, data);
        eventWithAck = new SocketIoPacket(PacketType.EVENT, "/", 1, data);

        byte[] attachment = new byte[ATTACHMENT_SIZE];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        ObjectNode file = nodes.objectNode().put("name", "a.bin").put("data", attachment);
        binaryEvent = new SocketIoPacket(PacketType.EVENT, "/", SocketIoPacket.NO_ACK,
                nodes.arrayNode().add("upload").add(file));

        eventMessage = EnginePacket.message(EVENT);
        eventWithAckMessage = EnginePacket.message(EVENT_WITH_ACK);
        binaryEventMessage = EnginePacket.message(BINARY_EVENT);
        attachmentMessage = EnginePacket.binary(attachment);
    }

    /** {@code ["echo",{"a":1,"s":"hello"}]} to the message {@code 2["echo",{"a":1,"s":"hello"}]}. */
    @Benchmark
    public List<EnginePacket> encodeEvent() {
        return parser.encode(event);
    }

    /** The same with ack id 1: {@code 21["echo",...]}. */
    @Benchmark
    public List<EnginePacket> encodeEventWithAck() {
        return parser.encode(eventWithAck);
    }

    /**
     * {@code ["upload",{"name":"a.bin","data":<1 KiB>}]} to {@code 51-["upload",{...,"data":{"_placeholder":true,
     * "num":0}}]} and the binary message.
     */
    @Benchmark
    public List<EnginePacket> encodeBinaryEvent() {
        return parser.encode(binaryEvent);
    }

    /** The message of the frame {@code 42["echo",{"a":1,"s":"hello"}]} to its packet. */
    @Benchmark
    public SocketIoPacket decodeEvent() {
        return decoder.add(eventMessage);
    }

    /** The message of the frame {@code 421["echo",{"a":1,"s":"hello"}]} to its packet. */
    @Benchmark
    public SocketIoPacket decodeEventWithAck() {
        return decoder.add(eventWithAckMessage);
    }

    /** The text message of a binary event, then its 1 KiB attachment, to the packet with the bytes in place. */
    @Benchmark
    public SocketIoPacket decodeBinaryEvent() {
        SocketIoPacket pending = decoder.add(binaryEventMessage);
        if (pending != null) {
            throw new IllegalStateException("a binary event is complete before its attachment: " + pending);
        }
        return decoder.add(attachmentMessage);
    }
}
