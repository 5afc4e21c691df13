package io.tether.bench.jmh;

import io.tether.engine.EngineCodec;
import io.tether.engine.EnginePacket;
import java.util.ArrayList;
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
 * The Engine.IO codec ({@link EngineCodec}): a text message as a WebSocket frame carries it, and a version 4
 * long-polling payload of five packets, text only or with a 1 KiB binary packet (base64 in the payload).
 *
 * <pre>
 * java -cp tether-bench/target/tether-bench.jar org.openjdk.jmh.Main EngineCodecBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineCodecBench {
    /** An Engine.IO message carrying a Socket.IO event: the frame is {@code 42["echo",...]}. */
    static final String MESSAGE = "2[\"echo\",{\"a\":1,\"s\":\"hello\"}]";
    static final int PROTOCOL = 4;

    EnginePacket message;
    String frame;
    List<EnginePacket> textPackets;
    String textPayload;
    List<EnginePacket> binaryPackets;
    String binaryPayload;
    byte[] binaryFrame;

    @Setup
    public void setUp() {
        message = EnginePacket.message(MESSAGE);
        frame = EngineCodec.encodeText(message);

        textPackets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            textPackets.add(EnginePacket.message("2[\"msg\",{\"seq\":" + i + ",\"text\":\"hello room\"}]"));
        }
        textPackets.add(EnginePacket.PING);
        textPayload = EngineCodec.encodePayload(textPackets, PROTOCOL);

        binaryFrame = new byte[1024];
        for (int i = 0; i < binaryFrame.length; i++) {
            binaryFrame[i] = (byte) (i * 31);
        }
        binaryPackets = new ArrayList<>(textPackets.subList(0, 3));
        binaryPackets.add(EnginePacket.message("51-[\"file\",{\"_placeholder\":true,\"num\":0}]"));
        binaryPackets.add(EnginePacket.binary(binaryFrame));
        binaryPayload = EngineCodec.encodePayload(binaryPackets, PROTOCOL);
    }

    /** A text message to its WebSocket frame text, {@code 42["echo",{"a":1,"s":"hello"}]}. */
    @Benchmark
    public String encodeText() {
        return EngineCodec.encodeText(message);
    }

    /**
     * What the WebSocket transport writes: the frame's UTF-8 bytes of a new packet (a packet caches them, so
     * a fresh one is made each time, which is counted in).
     */
    @Benchmark
    public byte[] encodeTextFrameBytes() {
        return EnginePacket.message(MESSAGE).textFrameBytes();
    }

    /** A WebSocket text frame {@code 42["echo",{"a":1,"s":"hello"}]} to its packet. */
    @Benchmark
    public EnginePacket decodeText() {
        return EngineCodec.decodeText(frame);
    }

    /** Five text packets (four messages and a ping) joined by the record separator. */
    @Benchmark
    public String encodePayload() {
        return EngineCodec.encodePayload(textPackets, PROTOCOL);
    }

    /** A polling body of five text packets to the packets. */
    @Benchmark
    public List<EnginePacket> decodePayload() {
        return EngineCodec.decodePayload(textPayload, PROTOCOL);
    }

    /** Four text messages and a 1 KiB binary one, which travels as {@code b} and base64. */
    @Benchmark
    public String encodePayloadBinary() {
        return EngineCodec.encodePayload(binaryPackets, PROTOCOL);
    }

    /** A polling body of four text messages and a base64 1 KiB binary one to the packets. */
    @Benchmark
    public List<EnginePacket> decodePayloadBinary() {
        return EngineCodec.decodePayload(binaryPayload, PROTOCOL);
    }
}
