package io.tether.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.bench.BenchServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a real Tether bench server on a real port: every scenario runs briefly and its JSON
 * line adds up. The server runs in this JVM, so its CPU and memory figures are this process's.
 */
class LoadGeneratorTest {
    private static BenchServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = BenchServer.start(new BenchServer.Config(0, false, 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode run(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--port";
        all[args.length + 1] = Integer.toString(server.port());
        all[args.length + 2] = "--pid";
        all[args.length + 3] = Long.toString(ProcessHandle.current().pid());
        return JSON.readTree(LoadGenerator.run(all));
    }

    @Test
    void closedLoopEchoCountsAckedMessagesAndServerCpuPerMessage() throws Exception {
        JsonNode line = run("echo", "--connections", "20", "--warmup", "0.5", "--seconds", "1");

        assertThat(line.path("scenario").asText()).isEqualTo("echo");
        assertThat(line.path("mode").asText()).isEqualTo("closed-loop");
        assertThat(line.path("messages").asLong()).isGreaterThan(100);
        assertThat(line.path("serverCpuPerMessageUs").asDouble()).isPositive();
        assertThat(line.path("latencyUs").path("count").asLong()).isEqualTo(line.path("messages").asLong());
        assertThat(line.path("unanswered").asLong()).isZero();
        assertThat(line.path("closed").asInt()).isZero();
    }

    @Test
    void fixedRateEchoSendsAtTheAskedRateAndMeasuresFromWhenEachWasDue() throws Exception {
        JsonNode line = run("echo-rate", "--connections", "50", "--rate", "2000", "--warmup", "0.5",
                "--seconds", "1.5");

        assertThat(line.path("rate").asInt()).isEqualTo(2000);
        assertThat(line.path("messagesPerSecond").asDouble()).isBetween(1700.0, 2300.0);
        assertThat(line.path("latencyUs").path("p50").asDouble()).isPositive();
        assertThat(line.path("sendLagUs").path("count").asLong()).isGreaterThan(2000);
        assertThat(line.path("unanswered").asLong()).isZero();
    }

    @Test
    void fanoutDeliversEveryBroadcastToEachMemberOfTheRoom() throws Exception {
        JsonNode line = run("fanout", "--connections", "120", "--room-size", "40", "--senders", "3",
                "--window", "1", "--warmup", "0.5", "--seconds", "1");

        assertThat(line.path("rooms").asInt()).isEqualTo(3);
        long deliveries = line.path("deliveries").asLong();
        assertThat(deliveries).isGreaterThan(1000);
        // each broadcast reaches the 40 members of its room: deliveries in the window are whole rooms' worth,
        // give or take the broadcasts in flight at its two edges (3 senders, one in flight each)
        long broadcasts = Math.round(deliveries / 40.0);
        assertThat(Math.abs(deliveries - broadcasts * 40)).isLessThanOrEqualTo(2 * 3 * 40);
        assertThat(line.path("serverCpuPerDeliveryUs").asDouble()).isPositive();
        assertThat(line.path("closed").asInt()).isZero();
    }

    @Test
    void idleHoldsItsConnectionsAndReportsMemoryAndHandshakes() throws Exception {
        JsonNode line = run("idle", "--connections", "300", "--warmup-connections", "50", "--hold", "1");

        assertThat(line.path("closedDuringHold").asInt()).isZero();
        assertThat(line.path("handshakesPerSecond").asDouble()).isPositive();
        assertThat(line.path("serverRssAfterKb").asLong()).isPositive();
        assertThat(line.path("serverOpenFiles").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(line.has("rssPerConnectionKb")).isTrue();
    }

    @Test
    void customNamespaceIsServedLikeTheMainOne() throws Exception {
        JsonNode line = run("echo", "--namespace", "/custom", "--connections", "5", "--warmup", "0.2",
                "--seconds", "0.5");

        assertThat(line.path("namespace").asText()).isEqualTo("/custom");
        assertThat(line.path("messages").asLong()).isPositive();
    }

    @Test
    void refusedNamespaceFailsTheRunWithTheServersAnswer() {
        assertThatThrownBy(() -> run("echo", "--namespace", "/nope", "--connections", "2", "--seconds", "0.2"))
                .hasStackTraceContaining("CONNECT_ERROR")
                .hasStackTraceContaining("Invalid namespace");
    }

    @Test
    void unknownScenarioOrOptionIsRefused() {
        assertThatThrownBy(() -> LoadOptions.parse("bogus")).hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> LoadOptions.parse("echo", "--colour", "red"))
                .hasMessageContaining("unknown option: --colour");
        assertThatThrownBy(() -> LoadOptions.parse("echo", "--connections", "0"))
                .hasMessageContaining("at least 1");
    }
}
