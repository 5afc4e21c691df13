package io.tether.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON lines of {@code compare.sh} into the results table of {@code RESULTS.md}: per scenario and
 * server the median of every figure, its ratio against Node's median, and Tether's targets met or missed. Only
 * the part between the {@value #BEGIN} and {@value #END} markers is replaced.
 *
 * <pre>
 * java -cp tether-bench.jar io.tether.bench.load.ResultsTable runs.jsonl RESULTS.md "machine" rounds
 * </pre>
 */
public final class ResultsTable {
    static final String BEGIN = "<!-- results:begin (written by compare.sh; edits here are overwritten) -->";
    static final String END = "<!-- results:end -->";
    static final String TETHER = "tether";
    static final String NODE = "node";
    static final String NETTY_SOCKETIO = "netty-socketio";

    /** A figure of a scenario: where it is in the JSON line, how to show it, and which way is better. */
    record Metric(String title, String path, double scale, int digits, boolean lowerIsBetter) {
    }

    /** The figures shown for each case of the comparison, in order. */
    static final Map<String, List<Metric>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("echo", List.of(
                new Metric("server CPU per message (µs)", "serverCpuPerMessageUs", 1, 2, true),
                new Metric("messages per second", "messagesPerSecond", 1, 0, false),
                new Metric("latency p50 (ms)", "latencyUs.p50", 1e-3, 2, true),
                new Metric("latency p99 (ms)", "latencyUs.p99", 1e-3, 2, true)));
        METRICS.put("echo-rate", List.of(
                new Metric("latency p50 (ms)", "latencyUs.p50", 1e-3, 3, true),
                new Metric("latency p99 (ms)", "latencyUs.p99", 1e-3, 3, true),
                new Metric("latency p99.9 (ms)", "latencyUs.p999", 1e-3, 3, true),
                new Metric("server CPU per message (µs)", "serverCpuPerMessageUs", 1, 2, true),
                new Metric("latency from the actual send p99 (ms)", "latencyFromSendUs.p99", 1e-3, 3, true),
                new Metric("latency from the actual send p99.9 (ms)", "latencyFromSendUs.p999", 1e-3, 3, true),
                new Metric("generator's own send lateness p99 (ms)", "sendLagUs.p99", 1e-3, 3, true),
                new Metric("generator's own send lateness p99.9 (ms)", "sendLagUs.p999", 1e-3, 3, true),
                new Metric("unanswered at the end", "unanswered", 1, 0, true)));
        METRICS.put("fanout", List.of(
                new Metric("server CPU per delivery (µs)", "serverCpuPerDeliveryUs", 1, 2, true),
                new Metric("deliveries per second", "deliveriesPerSecond", 1, 0, false),
                new Metric("delivery latency p50 (ms)", "latencyUs.p50", 1e-3, 2, true),
                new Metric("delivery latency p99 (ms)", "latencyUs.p99", 1e-3, 2, true)));
        METRICS.put("idle", List.of(
                new Metric("resident memory per connection (KB)", "rssPerConnectionKb", 1, 2, true),
                new Metric("… growth since the process started, warm-up wave included (KB)", "rssPerConnectionColdKb", 1, 2, true),
                new Metric("handshakes per second", "handshakesPerSecond", 1, 0, false),
                new Metric("connections closed while held", "closedDuringHold", 1, 0, true)));
        METRICS.put("idle-19k", List.of(
                new Metric("connections held", "held", 1, 0, false),
                new Metric("resident memory per connection (KB)", "rssPerConnectionKb", 1, 2, true),
                new Metric("handshakes per second", "handshakesPerSecond", 1, 0, false)));
    }

    static final Map<String, String> TITLES = Map.of(
            "echo", "Echo, closed loop: 100 connections, one echo with ack in flight each",
            "echo-rate", "Echo at a fixed 20,000 messages/s over 1,000 connections (latency from when each was due)",
            "fanout", "Fan-out: 1,000 connections in rooms of 100, 10 senders with 2 broadcasts in flight each",
            "idle", "Idle: 10,000 connections held 30 s (memory = RSS growth / connections, after a warm-up wave of 10,000)",
            "idle-19k", "Idle at 19,000 connections held 30 s (after a warm-up wave of 19,000)");

    private final Map<String, Map<String, List<JsonNode>>> runs = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> errors = new LinkedHashMap<>();
    private final Set<String> servers = new LinkedHashSet<>();

    ResultsTable(List<String> lines) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String text : lines) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = mapper.readTree(text);
            String kase = line.path("case").asText(line.path("scenario").asText());
            String server = line.path("server").asText();
            servers.add(server);
            if (line.has("error")) {
                errors.computeIfAbsent(kase, k -> new LinkedHashMap<>())
                        .computeIfAbsent(server, k -> new ArrayList<>()).add(line.path("error").asText());
            } else {
                runs.computeIfAbsent(kase, k -> new LinkedHashMap<>())
                        .computeIfAbsent(server, k -> new ArrayList<>()).add(line);
            }
        }
    }

    /** The median of a figure over a server's runs of a case, or NaN when there are none. */
    double median(String kase, String server, Metric metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode line : runs.getOrDefault(kase, Map.of()).getOrDefault(server, List.of())) {
            double value = value(line, metric.path());
            if (!Double.isNaN(value)) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double value(JsonNode line, String path) {
        if (path.equals("held")) {
            return line.path("connections").asDouble() - line.path("closedDuringHold").asDouble();
        }
        JsonNode node = line;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** The markdown between the markers. */
    String render(String machine, int rounds, LocalDate date) {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n");
        md.append("Run on ").append(date).append(". Machine: ").append(machine).append(".\n\n");
        md.append("Each server pinned to core 0 and the load generator to core 1 (`taskset`); ").append(rounds)
                .append(" rounds, interleaved (every scenario runs on each server in turn, on a freshly started ")
                .append("server); figures are medians, with the ratio against Node's median in brackets.\n\n");
        List<String> columns = new ArrayList<>(servers);
        for (Map.Entry<String, List<Metric>> kase : METRICS.entrySet()) {
            if (!runs.containsKey(kase.getKey()) && !errors.containsKey(kase.getKey())) {
                continue;
            }
            md.append("### ").append(TITLES.get(kase.getKey())).append("\n\n| figure |");
            columns.forEach(s -> md.append(' ').append(s).append(" |"));
            md.append("\n|---|");
            columns.forEach(s -> md.append("---|"));
            md.append('\n');
            for (Metric metric : kase.getValue()) {
                md.append("| ").append(metric.title()).append(" |");
                double node = median(kase.getKey(), NODE, metric);
                for (String server : columns) {
                    double value = median(kase.getKey(), server, metric);
                    md.append(' ').append(format(value, metric));
                    if (!server.equals(NODE) && !Double.isNaN(value) && !Double.isNaN(node) && node != 0) {
                        md.append(String.format(Locale.ROOT, " (%.2f×)", value / node));
                    }
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append("| runs |");
            for (String server : columns) {
                int ok = runs.getOrDefault(kase.getKey(), Map.of()).getOrDefault(server, List.of()).size();
                int failed = errors.getOrDefault(kase.getKey(), Map.of()).getOrDefault(server, List.of()).size();
                md.append(' ').append(ok).append(failed > 0 ? " (+" + failed + " failed)" : "").append(" |");
            }
            md.append("\n\n");
        }
        md.append("### Tether's targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (String[] row : targets()) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!errors.isEmpty()) {
            md.append("\nFailed runs:\n\n");
            errors.forEach((kase, byServer) -> byServer.forEach((server, list) -> list.forEach(
                    e -> md.append("- ").append(kase).append(" on ").append(server).append(": ").append(e)
                            .append('\n'))));
        }
        md.append('\n').append(END);
        return md.toString();
    }

    private List<String[]> targets() {
        List<String[]> rows = new ArrayList<>();
        Metric echoCpu = metric("echo", "serverCpuPerMessageUs");
        ratioTarget(rows, "echo", echoCpu, NODE, 0.5, "echo: server CPU per message ≤ 0.5 × Node's");
        ratioTarget(rows, "echo", echoCpu, NETTY_SOCKETIO, 0.85,
                "echo: server CPU per message ≤ 0.85 × netty-socketio's");
        absoluteTarget(rows, "echo-rate", metric("echo-rate", "latencyUs.p99"), 1.0, "fixed rate: p99 < 1 ms", " ms");
        absoluteTarget(rows, "echo-rate", metric("echo-rate", "latencyUs.p999"), 5.0, "fixed rate: p99.9 < 5 ms", " ms");
        Metric fanoutCpu = metric("fanout", "serverCpuPerDeliveryUs");
        ratioTarget(rows, "fanout", fanoutCpu, NODE, 0.7, "fan-out: server CPU per delivery ≤ 0.7 × Node's");
        ratioTarget(rows, "fanout", fanoutCpu, NETTY_SOCKETIO, 0.9,
                "fan-out: server CPU per delivery ≤ 0.9 × netty-socketio's");
        absoluteTarget(rows, "idle", metric("idle", "rssPerConnectionKb"), 6.0,
                "idle: ≤ 6 KB resident memory per connection at 10,000", " KB");
        double held = median("idle-19k", TETHER, metric("idle-19k", "held"));
        rows.add(new String[] {"idle: 19,000 connections held on one core",
                Double.isNaN(held) ? "not run" : String.format(Locale.ROOT, "%.0f held", held),
                Double.isNaN(held) ? "?" : held >= 19_000 ? "yes" : "no"});
        Metric handshakes = metric("idle", "handshakesPerSecond");
        double tether = median("idle", TETHER, handshakes);
        double node = median("idle", NODE, handshakes);
        rows.add(new String[] {"idle: handshakes per second ≥ Node's",
                String.format(Locale.ROOT, "%.0f against %.0f", tether, node),
                Double.isNaN(tether) || Double.isNaN(node) ? "?" : tether >= node ? "yes" : "no"});
        return rows;
    }

    /** The figure of a case read from {@code path}. */
    static Metric metric(String kase, String path) {
        return METRICS.get(kase).stream().filter(m -> m.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + path + " in " + kase));
    }

    private void ratioTarget(List<String[]> rows, String kase, Metric metric, String peer, double limit,
                             String title) {
        double tether = median(kase, TETHER, metric);
        double other = median(kase, peer, metric);
        double ratio = tether / other;
        rows.add(new String[] {title,
                String.format(Locale.ROOT, "%.2f against %.2f: %.2f×", tether, other, ratio),
                Double.isNaN(ratio) ? "?" : ratio <= limit ? "yes" : "no"});
    }

    private void absoluteTarget(List<String[]> rows, String kase, Metric metric, double limit, String title,
                                String unit) {
        double tether = median(kase, TETHER, metric) * metric.scale();
        rows.add(new String[] {title, String.format(Locale.ROOT, "%.3f%s", tether, unit),
                Double.isNaN(tether) ? "?" : tether <= limit ? "yes" : "no"});
    }

    private static String format(double value, Metric metric) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,." + metric.digits() + "f", value * metric.scale());
    }

    /** Replaces the marked part of {@code results} (or appends it) and returns the new text. */
    static String splice(String results, String table) {
        int begin = results.indexOf(BEGIN);
        int end = results.indexOf(END);
        if (begin >= 0 && end > begin) {
            return results.substring(0, begin) + table + results.substring(end + END.length());
        }
        return results + (results.isEmpty() || results.endsWith("\n") ? "" : "\n") + "\n" + table + "\n";
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ResultsTable RUNS.jsonl RESULTS.md MACHINE ROUNDS");
            System.exit(2);
        }
        ResultsTable table = new ResultsTable(Files.readAllLines(Path.of(args[0])));
        Path results = Path.of(args[1]);
        String existing = Files.exists(results) ? Files.readString(results) : "# Tether beside its peers\n";
        Files.writeString(results, splice(existing,
                table.render(args[2], Integer.parseInt(args[3]), LocalDate.now())));
    }
}
