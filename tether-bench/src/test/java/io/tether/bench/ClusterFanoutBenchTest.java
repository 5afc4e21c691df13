package io.tether.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClusterFanoutBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(120)
    void everyDeliveryArrivesOnOneAndTwoNodesAndTheLinesAreJson() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<ClusterFanoutBench.Result> results =
                ClusterFanoutBench.run(ClusterFanoutBench.Config.parse("--clients", "10", "--messages", "50",
                        "--rounds=1"), out);

        assertThat(results).extracting(ClusterFanoutBench.Result::nodes).containsExactly(1, 2);
        for (ClusterFanoutBench.Result result : results) {
            assertThat(result.deliveries()).isEqualTo(10L * 50);
            assertThat(result.seconds()).isLessThan(ClusterFanoutBench.CAP.toSeconds());
        }

        List<String> lines = ClusterFanoutBench.lines(bytes.toString(StandardCharsets.UTF_8));
        assertThat(lines).hasSize(4);
        for (int i = 0; i < 2; i++) {
            JsonNode run = JSON.readTree(lines.get(i));
            assertThat(run.get("nodes").asInt()).isEqualTo(i + 1);
            assertThat(run.get("clients").asInt()).isEqualTo(10);
            assertThat(run.get("messages").asInt()).isEqualTo(50);
            assertThat(run.get("deliveries").asLong()).isEqualTo(500);
            assertThat(run.get("seconds").isNumber()).isTrue();
            assertThat(run.get("deliveriesPerSecond").asDouble()).isPositive();
        }
        for (int i = 2; i < 4; i++) {
            JsonNode median = JSON.readTree(lines.get(i));
            assertThat(median.get("median").asBoolean()).isTrue();
            assertThat(median.get("nodes").asInt()).isEqualTo(i - 1);
            assertThat(median.get("deliveriesPerSecond").asDouble()).isPositive();
        }
    }
}
