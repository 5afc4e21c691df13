package io.tether.testkit.engine;

import io.tether.engine.EngineLoop;
import java.util.PriorityQueue;

/**
 * An {@link EngineLoop} on the test's thread with a clock that only moves when the test says so: {@link #execute}
 * runs a task at once, {@link #schedule} queues it on the clock, {@link #advance} runs the tasks that fall due.
 * Without {@link #advance}, scheduled tasks (heartbeats, timeouts) never run.
 *
 * <pre>{@code
 * ManualLoop loop = new ManualLoop();
 * TransportSession session = engine.transports().openWebSocket(request, loop, s -> transport);
 * loop.advance(25_000);                                 // the first ping leaves
 * }</pre>
 */
public final class ManualLoop implements EngineLoop {
    private static final class Task {
        final long at;
        final long seq;
        final Runnable run;
        volatile boolean cancelled;

        Task(long at, long seq, Runnable run) {
            this.at = at;
            this.seq = seq;
            this.run = run;
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Task t = new Task(now + delayMillis, seq++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves the clock forward, running every task that falls due, in time order, at its own time. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task t;
            synchronized (this) {
                if (tasks.isEmpty() || tasks.peek().at > target) {
                    now = target;
                    return;
                }
                t = tasks.poll();
                now = t.at;
            }
            if (!t.cancelled) {
                t.run.run();
            }
        }
    }

    /** The clock's time, in milliseconds since the loop was made. */
    public synchronized long now() {
        return now;
    }
}
