package io.tether.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static String echo(String server, double cpu) {
        return "{\"scenario\":\"echo\",\"case\":\"echo\",\"server\":\"" + server + "\",\"serverCpuPerMessageUs\":"
                + cpu + ",\"messagesPerSecond\":1000,\"latencyUs\":{\"p50\":100,\"p99\":900}}";
    }

    @Test
    void takesTheMedianOfEachServersRuns() throws Exception {
        ResultsTable table = new ResultsTable(List.of(echo("tether", 9), echo("tether", 30), echo("tether", 8),
                echo("node", 20), echo("node", 18)));

        ResultsTable.Metric cpu = ResultsTable.METRICS.get("echo").get(0);
        assertThat(table.median("echo", "tether", cpu)).isEqualTo(9);
        assertThat(table.median("echo", "node", cpu)).isEqualTo(19);
        assertThat(table.median("fanout", "tether", cpu)).isNaN();
    }

    @Test
    void showsRatiosAgainstNodeAndWhetherTargetsAreMet() throws Exception {
        ResultsTable table = new ResultsTable(List.of(echo("tether", 9), echo("node", 20),
                echo("netty-socketio", 11)));

        String md = table.render("2 cores", 3, LocalDate.of(2026, 11, 23));

        assertThat(md).contains("Run on 2026-11-23. Machine: 2 cores.");
        assertThat(md).contains("| server CPU per message (µs) | 9.00 (0.45×) | 20.00 | 11.00 (0.55×) |");
        assertThat(md).contains("| echo: server CPU per message ≤ 0.5 × Node's | 9.00 against 20.00: 0.45× | yes |");
        assertThat(md).contains("| echo: server CPU per message ≤ 0.85 × netty-socketio's | 9.00 against 11.00: 0.82× | yes |");
        assertThat(md).contains("| fixed rate: p99 < 1 ms | NaN ms | ? |");
    }

    @Test
    void handshakeTargetComparesHandshakesNotMemory() throws Exception {
        String idle = "{\"case\":\"idle\",\"server\":\"%s\",\"rssPerConnectionKb\":%s,"
                + "\"rssPerConnectionColdKb\":%s,\"handshakesPerSecond\":%s,\"closedDuringHold\":0}";
        ResultsTable table = new ResultsTable(List.of(idle.formatted("tether", 3, 20, 6000),
                idle.formatted("node", 5, 26, 4000)));

        String md = table.render("m", 1, LocalDate.of(2026, 11, 23));

        assertThat(md).contains("| idle: handshakes per second ≥ Node's | 6000 against 4000 | yes |");
        assertThat(md).contains("| idle: ≤ 6 KB resident memory per connection at 10,000 | 3.000 KB | yes |");
    }

    @Test
    void failedRunsAreCountedAndListed() throws Exception {
        ResultsTable table = new ResultsTable(List.of(echo("tether", 9), echo("node", 20),
                "{\"case\":\"echo\",\"server\":\"node\",\"round\":2,\"error\":\"server did not start\"}"));

        String md = table.render("m", 2, LocalDate.of(2026, 11, 23));

        assertThat(md).contains("| runs | 1 | 1 (+1 failed) |");
        assertThat(md).contains("- echo on node: server did not start");
    }

    @Test
    void replacesOnlyTheMarkedPartOfResults() {
        String before = "# Results\n\nintro\n\n" + ResultsTable.BEGIN + "\nold table\n" + ResultsTable.END
                + "\n\n## Log\nkept\n";

        String after = ResultsTable.splice(before, ResultsTable.BEGIN + "\nnew\n" + ResultsTable.END);

        assertThat(after).isEqualTo("# Results\n\nintro\n\n" + ResultsTable.BEGIN + "\nnew\n" + ResultsTable.END
                + "\n\n## Log\nkept\n");
        assertThat(ResultsTable.splice("# R\n", "T")).isEqualTo("# R\n\nT\n");
    }
}
