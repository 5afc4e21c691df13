package io.tether.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * What every scenario shares: the options, the connections' event loop, the probes of the server and of the
 * generator itself, a latency histogram, and the measured window (warm-up, then server CPU and messages counted
 * between two snapshots taken on the event loop).
 */
abstract class Scenario implements WireConnection.Listener {
    /** How long connecting may take before the run fails. */
    static final long OPEN_TIMEOUT_SECONDS = 300;

    final LoadOptions options;
    final ClientPool pool;
    final ProcessProbe server;
    final ProcessProbe self = ProcessProbe.self();
    /** Nanoseconds; written only on the event loop. */
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** Connections that closed after they were ready; written on the event loop. */
    volatile int closedAfterReady;
    volatile String lastCloseReason;

    Scenario(LoadOptions options, ClientPool pool) {
        this.options = options;
        this.pool = pool;
        this.server = options.pid() > 0 ? new ProcessProbe(options.pid()) : null;
    }

    /** Runs the scenario and returns the fields of its JSON line. */
    abstract Map<String, Object> run() throws Exception;

    /** The fields every line starts with. */
    Map<String, Object> header() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("scenario", options.scenario());
        line.put("server", options.label());
        line.put("namespace", options.namespace());
        line.put("connections", options.connections());
        return line;
    }

    /** Opens the scenario's connections and fails with the reason when one of them cannot be opened. */
    ClientPool.Opened openAll() throws Exception {
        return pool.open(options.connections(), options.inFlight(), options.namespace(), this)
                .get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void onClosed(WireConnection connection, String why) {
        if (connection.ready()) {
            closedAfterReady++;
            lastCloseReason = why;
        }
    }

    /** Runs {@code task} on the event loop and waits for its answer. */
    <T> T onLoop(Callable<T> task) throws Exception {
        return pool.loop().submit(task).get(30, TimeUnit.SECONDS);
    }

    /**
     * Lets the load run for the warm-up, then measures a window of {@code options.seconds()}: how many of the
     * things {@code counter} counts happened, the server's CPU time for each, and the latency histogram of the
     * window. {@code counter} is read on the event loop.
     */
    Map<String, Object> measureWindow(String unit, String singular, LongSupplier counter) throws Exception {
        sleepSeconds(options.warmupSeconds());
        long countStart = onLoop(() -> {
            latency.reset();
            onWindowOpen();
            return counter.getAsLong();
        });
        long wallStart = System.nanoTime();
        long serverStart = server == null ? 0 : server.cpuNanos();
        long selfStart = self.cpuNanos();
        sleepSeconds(options.seconds());
        long serverEnd = server == null ? 0 : server.cpuNanos();
        long selfEnd = self.cpuNanos();
        long wall = System.nanoTime() - wallStart;
        Histogram window = new Histogram(latency.getHighestTrackableValue(), 3);
        long countEnd = onLoop(() -> {
            window.add(latency);
            return counter.getAsLong();
        });
        long count = countEnd - countStart;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("seconds", round(wall / 1e9, 3));
        line.put(unit, count);
        line.put(unit + "PerSecond", round(count / (wall / 1e9), 1));
        if (server != null) {
            long cpu = serverEnd - serverStart;
            line.put("serverCpuSeconds", round(cpu / 1e9, 3));
            line.put("serverCpuUtilisation", round((double) cpu / wall, 3));
            line.put("serverCpuPer" + singular + "Us", count == 0 ? null : round(cpu / 1e3 / count, 3));
            line.put("serverRssKb", server.rssKb());
        }
        line.put("generatorCpuUtilisation", round((double) (selfEnd - selfStart) / wall, 3));
        line.put("latencyUs", percentiles(window));
        return line;
    }

    /** Called on the event loop when the measured window opens, to reset a scenario's own figures. */
    void onWindowOpen() {
    }

    static Map<String, Object> percentiles(Histogram histogram) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", histogram.getTotalCount());
        for (double q : List.of(50.0, 90.0, 99.0, 99.9)) {
            String name = "p" + (q == Math.rint(q) ? Integer.toString((int) q) : Double.toString(q).replace(".", ""));
            p.put(name, round(histogram.getValueAtPercentile(q) / 1e3, 1));
        }
        p.put("max", round(histogram.getMaxValue() / 1e3, 1));
        return p;
    }

    /** The number after {@code "key":} in a small JSON text, or -1. */
    static long longField(String json, String key) {
        String needle = "\"" + key + "\":";
        int at = json.indexOf(needle);
        if (at < 0) {
            return -1;
        }
        int start = at + needle.length();
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(json, start, end, 10);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static void sleepSeconds(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
