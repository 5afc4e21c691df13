package io.tether.socketio;

import io.tether.engine.EngineLoop;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler pool of JVMs without virtual threads: a bounded set of worker threads fed from one queue, built so
 * that a busy server wakes as few threads as possible.
 *
 * <p>Why not a {@code ThreadPoolExecutor}: it wakes a parked worker for every task, and on a loaded core every
 * wake-up is a context switch and two futex calls, which cost more than a typical handler. Here:
 * <ul>
 *   <li>a task wakes a worker only when no worker is awake, since an awake worker takes queued tasks before it
 *       parks;</li>
 *   <li>tasks handed over from an event loop ({@link #execute(Runnable, EngineLoop)}) wake a worker once per
 *       turn of that loop, after everything it read in that turn is queued, so one wake-up serves a batch;</li>
 *   <li>a worker stuck in a blocking handler (a database call) must not hold up the queue: a monitor wakes
 *       another worker when every awake one has been on its current task for longer than
 *       {@value #STALL_MILLIS} ms, up to the pool's size.</li>
 * </ul>
 * Workers are daemon threads that retire after a minute without work.
 */
final class HandlerPool implements Executor {
    private static final Logger log = LoggerFactory.getLogger(HandlerPool.class);
    static final long STALL_MILLIS = 5;
    private static final long MONITOR_PERIOD_MILLIS = 5;
    /** The monitor's period while no worker is awake: an idle server should not wake up 200 times a second. */
    private static final long IDLE_MONITOR_PERIOD_MILLIS = 50;
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final int maxWorkers;
    private final String name;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** Workers not parked (running a task or looking for one), counted by whoever wakes them. */
    private final AtomicInteger awake = new AtomicInteger();
    private final AtomicInteger workerCount = new AtomicInteger();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<LoopTurn> turns = ThreadLocal.withInitial(LoopTurn::new);
    private volatile Thread monitor;

    HandlerPool(int maxWorkers, String name) {
        if (maxWorkers < 1) {
            throw new IllegalArgumentException("maxWorkers must be at least 1: " + maxWorkers);
        }
        this.maxWorkers = maxWorkers;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        if (awake.get() == 0) {
            wakeOne();
        }
    }

    /**
     * Queues a task handed over by the thread of {@code loop}; the wake-up, if one is needed, waits for the end of
     * the loop's current turn.
     */
    void execute(Runnable task, EngineLoop loop) {
        queue.offer(task);
        LoopTurn turn = turns.get();
        if (!turn.wakePending) {
            turn.wakePending = true;
            try {
                loop.execute(turn);
            } catch (RejectedExecutionException e) {
                // the loop is shutting down: wake now rather than strand the task
                turn.wakePending = false;
                turn.run();
            }
        }
    }

    /** Runs at the end of a loop's turn, once however many tasks the turn queued. */
    private final class LoopTurn implements Runnable {
        boolean wakePending;

        @Override
        public void run() {
            wakePending = false;
            if (awake.get() == 0 && !queue.isEmpty()) {
                wakeOne();
            }
        }
    }

    /** Wakes an idle worker, or starts one while the pool is below its size. */
    private void wakeOne() {
        Worker worker = idle.pollFirst();
        if (worker != null) {
            awake.incrementAndGet();
            worker.wake();
            return;
        }
        while (true) {
            int count = workerCount.get();
            if (count >= maxWorkers) {
                return;
            }
            if (workerCount.compareAndSet(count, count + 1)) {
                break;
            }
        }
        awake.incrementAndGet();
        Worker started = new Worker();
        workers.add(started);
        started.thread.start();
        ensureMonitor();
    }

    private void ensureMonitor() {
        if (monitor != null) {
            return;
        }
        synchronized (this) {
            if (monitor == null) {
                Thread t = new Thread(this::monitor, name + "-monitor");
                t.setDaemon(true);
                monitor = t;
                t.start();
            }
        }
    }

    /** Wakes another worker while tasks wait and every awake worker is stuck on a long task. */
    private void monitor() {
        long stall = TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
        while (true) {
            long period = awake.get() == 0 ? IDLE_MONITOR_PERIOD_MILLIS : MONITOR_PERIOD_MILLIS;
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(period));
            if (queue.isEmpty()) {
                continue;
            }
            long now = System.nanoTime();
            int stuck = 0;
            for (Worker worker : workers) {
                long started = worker.taskStarted;
                if (started != 0 && now - started > stall) {
                    stuck++;
                }
            }
            if (awake.get() - stuck <= 0) {
                wakeOne();
            }
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        /** When the current task started (System.nanoTime, never 0 while running), 0 between tasks. */
        volatile long taskStarted;
        volatile boolean woken;

        Worker() {
            this.thread = new Thread(this, name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
        }

        void wake() {
            woken = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable task = queue.poll();
                    if (task != null) {
                        runTask(task);
                    } else if (!park()) {
                        return;
                    }
                }
            } finally {
                workers.remove(this);
            }
        }

        private void runTask(Runnable task) {
            long now = System.nanoTime();
            taskStarted = now == 0 ? 1 : now;
            try {
                task.run();
            } catch (Throwable t) {
                log.error("handler task failed", t);
            } finally {
                taskStarted = 0;
            }
        }

        /** Parks until woken; false when the worker retires instead. */
        private boolean park() {
            woken = false;
            idle.push(this);
            awake.decrementAndGet();
            // a task queued between the poll and the decrement may have seen this worker awake: look again
            if (!queue.isEmpty() && idle.remove(this)) {
                awake.incrementAndGet();
                return true;
            }
            long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
            while (!woken) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (idle.remove(this)) {
                        workerCount.decrementAndGet();
                        return false;
                    }
                    // someone took this worker off the idle stack and is about to wake it
                    deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
                }
                LockSupport.parkNanos(this, Math.max(left, 1));
            }
            return true;
        }
    }
}
