package io.tether.bench.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Echo: {@code echo} with an ack, the argument {@code {"t":<send time>,"text":"..."}} coming back in the ack,
 * so every ack gives one latency sample without any bookkeeping per message.
 *
 * <ul>
 *   <li>closed loop ({@code echo}): each connection sends its next echo when the last one is acked; the figure
 *       is throughput and server CPU per message;</li>
 *   <li>fixed rate ({@code echo-rate}): echoes leave at exactly {@code rate} per second, round-robin over the
 *       connections, whatever the server's answers; latency is counted from when each echo was due, so a server
 *       that falls behind is not flattered (no coordinated omission).</li>
 * </ul>
 */
final class EchoScenario extends Scenario {
    private static final String TEXT = "hello from the load generator";

    private final boolean fixedRate;
    private List<WireConnection> connections;
    private boolean sending;
    private long acks;
    private long sent;
    private long rateStart;
    /** How late the generator sent each fixed-rate echo, to tell its own delays from the server's. */
    private final Histogram sendLag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    /** Latency from when each echo actually left, the generator's send lateness left out. */
    private final Histogram fromSend = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

    EchoScenario(LoadOptions options, ClientPool pool, boolean fixedRate) {
        super(options, pool);
        this.fixedRate = fixedRate;
    }

    @Override
    public void onReady(WireConnection connection) {
    }

    private void echo(WireConnection connection, long dueNanos) {
        connection.emitWithAck("echo", "{\"t\":" + dueNanos + ",\"s\":" + System.nanoTime() + ",\"text\":\""
                + TEXT + "\"}");
        sent++;
    }

    @Override
    public void onAck(WireConnection connection, long ackId, String body) {
        long now = System.nanoTime();
        long t = longField(body, "t");
        if (t > 0) {
            latency.recordValue(Math.min(now - t, latency.getHighestTrackableValue()));
        }
        long s = longField(body, "s");
        if (s > 0) {
            fromSend.recordValue(Math.min(now - s, fromSend.getHighestTrackableValue()));
        }
        acks++;
        if (sending && !fixedRate) {
            echo(connection, System.nanoTime());
        }
    }

    /** Sends every echo that is due by now, then sleeps on the event loop's timer until the next one is due. */
    private void sendDue() {
        if (!sending) {
            return;
        }
        long now = System.nanoTime();
        double interval = 1e9 / options.rate();
        while (true) {
            long due = rateStart + (long) (sent * interval);
            if (due > now) {
                pool.loop().schedule(this::sendDue, due - now, TimeUnit.NANOSECONDS);
                return;
            }
            sendLag.recordValue(Math.min(now - due, sendLag.getHighestTrackableValue()));
            echo(connections.get((int) (sent % connections.size())), due);
        }
    }

    @Override
    void onWindowOpen() {
        sendLag.reset();
        fromSend.reset();
    }

    @Override
    Map<String, Object> run() throws Exception {
        connections = openAll().connections();
        onLoop(() -> {
            sending = true;
            if (fixedRate) {
                rateStart = System.nanoTime();
                sendDue();
            } else {
                long now = System.nanoTime();
                connections.forEach(c -> echo(c, now));
            }
            return null;
        });
        Map<String, Object> window = measureWindow("messages", "Message", () -> acks);
        onLoop(() -> sending = false);
        // the answers still owed, given a few seconds to come
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long owed;
        do {
            owed = onLoop(() -> sent - acks);
            if (owed > 0) {
                Thread.sleep(10);
            }
        } while (owed > 0 && System.nanoTime() < deadline);
        Map<String, Object> line = header();
        line.put("mode", fixedRate ? "fixed-rate" : "closed-loop");
        if (fixedRate) {
            line.put("rate", options.rate());
        }
        line.putAll(window);
        if (fixedRate) {
            line.put("sendLagUs", onLoop(() -> percentiles(sendLag)));
            line.put("latencyFromSendUs", onLoop(() -> percentiles(fromSend)));
        }
        line.put("unanswered", owed);
        line.put("closed", closedAfterReady);
        return line;
    }
}
