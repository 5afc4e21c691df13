package io.tether.bench.load;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle: opens N connections as fast as the server takes them (handshakes per second, from the first TCP connect
 * to the last namespace CONNECT answered), holds them across heartbeats, and reads the server's resident memory
 * before and after: the memory per connection is the difference divided by N.
 *
 * <p>Before the baseline is read, a warm-up wave of connections (by default as many as are measured) is opened
 * and closed, so the baseline already holds what a server touches once whatever it holds (compiled code, a JVM's
 * young generation, an allocator's arenas) and the difference is what holding the connections costs. The growth
 * from the freshly started process ({@code rssPerConnectionColdKb}) is reported too.
 */
final class IdleScenario extends Scenario {

    IdleScenario(LoadOptions options, ClientPool pool) {
        super(options, pool);
    }

    @Override
    public void onReady(WireConnection connection) {
    }

    @Override
    Map<String, Object> run() throws Exception {
        long rssStart = server == null ? 0 : server.rssKb();
        if (options.warmupConnections() > 0) {
            ClientPool.Opened warmup = pool.open(options.warmupConnections(), options.inFlight(),
                    options.namespace(), new WireConnection.Listener() {
                        @Override
                        public void onReady(WireConnection connection) {
                        }
                    }).get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            onLoop(() -> {
                warmup.connections().forEach(WireConnection::close);
                return null;
            });
            sleepSeconds(2);
        }
        long rssBefore = server == null ? 0 : server.rssKb();
        ClientPool.Opened opened = openAll();
        long rssOpen = server == null ? 0 : server.rssKb();
        long cpuStart = server == null ? 0 : server.cpuNanos();
        sleepSeconds(options.holdSeconds());
        long cpuHold = server == null ? 0 : server.cpuNanos() - cpuStart;
        Map<String, Object> line = header();
        line.put("handshakeSeconds", round(opened.nanos() / 1e9, 3));
        line.put("handshakesPerSecond", round(opened.perSecond(), 1));
        line.put("holdSeconds", options.holdSeconds());
        line.put("closedDuringHold", closedAfterReady);
        if (lastCloseReason != null) {
            line.put("lastCloseReason", lastCloseReason);
        }
        if (server != null) {
            long rssAfter = server.rssKb();
            line.put("warmupConnections", options.warmupConnections());
            line.put("serverRssStartKb", rssStart);
            line.put("serverRssBeforeKb", rssBefore);
            line.put("serverRssOpenedKb", rssOpen);
            line.put("serverRssAfterKb", rssAfter);
            line.put("rssPerConnectionKb", round((double) (rssAfter - rssBefore) / options.connections(), 2));
            // the growth since the server started, the warm-up wave's included: what a fresh process grows by
            line.put("rssPerConnectionColdKb", round((double) (rssAfter - rssStart) / options.connections(), 2));
            line.put("serverOpenFiles", server.openFiles());
            line.put("serverCpuDuringHoldSeconds", round(cpuHold / 1e9, 3));
        }
        return line;
    }
}
