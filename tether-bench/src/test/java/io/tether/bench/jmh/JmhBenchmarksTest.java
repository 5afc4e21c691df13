package io.tether.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.engine.EngineCodec;
import io.tether.engine.EnginePacket;
import io.tether.socketio.PacketType;
import io.tether.socketio.SocketIoPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH benchmarks compute what they claim to: their setup and benchmark methods called directly, and one run
 * of the broadcast benchmark through JMH itself (in this JVM, 100 ms) to check the generated harness and the
 * secondary results.
 */
class JmhBenchmarksTest {

    @Test
    void theAnnotationProcessorListedEveryBenchmark() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList on the class path").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(list).contains("io.tether.bench.jmh.EngineCodecBench", "io.tether.bench.jmh.SocketIoCodecBench",
                "io.tether.bench.jmh.BroadcastBench");
    }

    @Test
    void engineCodecBenchEncodesAndDecodesWhatItSays() {
        EngineCodecBench bench = new EngineCodecBench();
        bench.setUp();

        assertThat(bench.encodeText()).isEqualTo("42[\"echo\",{\"a\":1,\"s\":\"hello\"}]");
        assertThat(new String(bench.encodeTextFrameBytes(), StandardCharsets.UTF_8))
                .isEqualTo("42[\"echo\",{\"a\":1,\"s\":\"hello\"}]");
        assertThat(bench.decodeText()).isEqualTo(EnginePacket.message("2[\"echo\",{\"a\":1,\"s\":\"hello\"}]"));

        assertThat(bench.encodePayload()).isEqualTo(bench.textPayload)
                .contains(String.valueOf(EngineCodec.RECORD_SEPARATOR));
        assertThat(bench.decodePayload()).hasSize(5).isEqualTo(bench.textPackets);

        assertThat(bench.encodePayloadBinary()).isEqualTo(bench.binaryPayload).contains("\u001eb");
        List<EnginePacket> decoded = bench.decodePayloadBinary();
        assertThat(decoded).hasSize(5).isEqualTo(bench.binaryPackets);
        assertThat(decoded.get(4).binary()).hasSize(1024);
    }

    @Test
    void socketIoCodecBenchEncodesAndDecodesWhatItSays() throws IOException {
        SocketIoCodecBench bench = new SocketIoCodecBench();
        bench.setUp();

        assertThat(bench.encodeEvent()).containsExactly(EnginePacket.message("2[\"echo\",{\"a\":1,\"s\":\"hello\"}]"));
        assertThat(bench.encodeEventWithAck())
                .containsExactly(EnginePacket.message("21[\"echo\",{\"a\":1,\"s\":\"hello\"}]"));
        List<EnginePacket> binary = bench.encodeBinaryEvent();
        assertThat(binary).hasSize(2);
        assertThat(binary.get(0).text())
                .isEqualTo("51-[\"upload\",{\"name\":\"a.bin\",\"data\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(binary.get(1).binary()).hasSize(SocketIoCodecBench.ATTACHMENT_SIZE);

        for (int round = 0; round < 2; round++) { // the decoder is stateful: it must be ready for the next one
            SocketIoPacket event = bench.decodeEvent();
            assertThat(event.type()).isEqualTo(PacketType.EVENT);
            assertThat(event.namespace()).isEqualTo("/");
            assertThat(event.hasAck()).isFalse();
            assertThat(event.data().toString()).isEqualTo("[\"echo\",{\"a\":1,\"s\":\"hello\"}]");

            SocketIoPacket withAck = bench.decodeEventWithAck();
            assertThat(withAck.ackId()).isEqualTo(1);
            assertThat(withAck.data()).isEqualTo(event.data());

            SocketIoPacket upload = bench.decodeBinaryEvent();
            assertThat(upload.type()).isEqualTo(PacketType.EVENT);
            JsonNode data = upload.data().get(1).get("data");
            assertThat(data.isBinary()).isTrue();
            assertThat(data.binaryValue()).isEqualTo(bench.attachmentMessage.binary());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000})
    void broadcastBenchDeliversToEverySocketTheSameFrameEncodedOnce(int sockets) {
        BroadcastBench bench = new BroadcastBench();
        bench.sockets = sockets;
        bench.setUp();
        try {
            assertThat(bench.clients).hasSize(sockets);
            BroadcastBench.Deliveries deliveries = new BroadcastBench.Deliveries();
            BroadcastBench.Encodings encodings = new BroadcastBench.Encodings();

            for (int broadcast = 1; broadcast <= 3; broadcast++) {
                bench.broadcast(deliveries, encodings);

                byte[] frame = bench.clients.get(0).lastFrame;
                assertThat(new String(frame, StandardCharsets.UTF_8))
                        .isEqualTo("42[\"msg\",{\"text\":\"hello room\",\"seq\":42}]");
                for (InProcessWebSocket client : bench.clients) {
                    assertThat(client.lastFrame).isSameAs(frame);
                }
                assertThat(deliveries.deliveries).isEqualTo((long) broadcast * sockets);
                assertThat(encodings.broadcasts).isEqualTo(broadcast);
                assertThat(encodings.distinctFrames).isEqualTo(broadcast);
            }
            // besides the three broadcasts, each socket got its Engine.IO OPEN and Socket.IO CONNECT frames
            for (InProcessWebSocket client : bench.clients) {
                assertThat(client.frames).isEqualTo(2 + 3);
            }
            assertThat(bench.tally.frames).isEqualTo(3L * sockets);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void jmhRunsTheBroadcastBenchmarkAndReportsOneEncodingPerBroadcast() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(BroadcastBench.class.getName() + ".broadcast")
                .param("sockets", "100")
                .forks(0)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(1);
        RunResult run = results.iterator().next();
        assertThat(run.getPrimaryResult().getScore()).isPositive();
        var secondary = run.getSecondaryResults();
        assertThat(secondary).containsKeys("deliveries", "broadcasts", "distinctFrames");
        double broadcasts = secondary.get("broadcasts").getScore();
        assertThat(broadcasts).isPositive();
        assertThat(secondary.get("distinctFrames").getScore()).isEqualTo(broadcasts);
        // time per delivery = time per broadcast / 100
        assertThat(secondary.get("deliveries").getScore())
                .isCloseTo(run.getPrimaryResult().getScore() / 100, Percentage.withPercentage(1));
    }
}
