package io.tether.bench.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out: the connections join rooms of {@code roomSize} ({@code room-0} holds connections 0..roomSize-1, and
 * so on), then {@code senders} of them ask for {@code fanout} to their room, each keeping {@code window}
 * broadcasts in flight: a sender sends its next one when its own copy comes back (the sender is in the room).
 * Every {@code msg} received is one delivery, and its {@code t} gives the delivery latency.
 */
final class FanoutScenario extends Scenario {
    private List<WireConnection> connections;
    /** For each connection, the sender number it plays, or -1. */
    private int[] senderOf;
    private boolean sending;
    private long deliveries;
    private long broadcasts;
    private CountDownLatch joined;

    FanoutScenario(LoadOptions options, ClientPool pool) {
        super(options, pool);
    }

    private int rooms() {
        return (options.connections() + options.roomSize() - 1) / options.roomSize();
    }

    private String roomOf(int connection) {
        return "room-" + connection / options.roomSize();
    }

    @Override
    public void onReady(WireConnection connection) {
    }

    @Override
    public void onAck(WireConnection connection, long ackId, String body) {
        joined.countDown();
    }

    @Override
    public void onEvent(WireConnection connection, String body) {
        if (!body.startsWith("[\"msg\"")) {
            return;
        }
        long now = System.nanoTime();
        deliveries++;
        long t = longField(body, "t");
        if (t > 0) {
            latency.recordValue(Math.min(now - t, latency.getHighestTrackableValue()));
        }
        int sender = senderOf[connection.index()];
        if (sender >= 0 && longField(body, "from") == sender) {
            broadcasts++;
            if (sending) {
                fanout(sender, connection);
            }
        }
    }

    private void fanout(int sender, WireConnection connection) {
        connection.emit("fanout", "{\"room\":\"" + roomOf(connection.index()) + "\",\"payload\":{\"t\":"
                + System.nanoTime() + ",\"from\":" + sender + ",\"text\":\"fan-out payload\"}}");
    }

    @Override
    Map<String, Object> run() throws Exception {
        int rooms = rooms();
        if (options.senders() > options.connections()) {
            throw new IllegalArgumentException("more senders than connections");
        }
        connections = openAll().connections();
        senderOf = new int[connections.size()];
        java.util.Arrays.fill(senderOf, -1);
        // sender s is the (s / rooms)-th member of room (s % rooms): senders spread evenly over the rooms
        for (int s = 0; s < options.senders(); s++) {
            int index = (s % rooms) * options.roomSize() + s / rooms;
            if (index >= connections.size()) {
                throw new IllegalArgumentException("room " + s % rooms + " is too small for its senders");
            }
            senderOf[index] = s;
        }
        joined = new CountDownLatch(connections.size());
        onLoop(() -> {
            connections.forEach(c -> c.emitWithAck("join", "\"" + roomOf(c.index()) + "\""));
            return null;
        });
        if (!joined.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(joined.getCount() + " joins were not acknowledged");
        }
        onLoop(() -> {
            sending = true;
            for (WireConnection c : connections) {
                int sender = senderOf[c.index()];
                for (int i = 0; sender >= 0 && i < options.window(); i++) {
                    fanout(sender, c);
                }
            }
            return null;
        });
        Map<String, Object> window = measureWindow("deliveries", "Delivery", () -> deliveries);
        long broadcastCount = onLoop(() -> {
            sending = false;
            return broadcasts;
        });
        Map<String, Object> line = header();
        line.put("roomSize", options.roomSize());
        line.put("rooms", rooms);
        line.put("senders", options.senders());
        line.put("window", options.window());
        line.putAll(window);
        line.put("broadcastsTotal", broadcastCount);
        line.put("closed", closedAfterReady);
        return line;
    }
}
