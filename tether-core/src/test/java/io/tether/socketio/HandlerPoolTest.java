package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.engine.EngineLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {

    /** A loop whose turn-end tasks wait in a list until the test runs them, from the "loop" thread (this one). */
    private static final class ManualLoop implements EngineLoop {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            throw new UnsupportedOperationException();
        }

        void endTurn() {
            List<Runnable> tasks = new ArrayList<>(queued);
            queued.clear();
            tasks.forEach(Runnable::run);
        }
    }

    @Test
    void runsEveryTaskSubmittedFromManyThreads() throws Exception {
        HandlerPool pool = new HandlerPool(4, "test-pool");
        int perThread = 20_000;
        CountDownLatch done = new CountDownLatch(4 * perThread);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread submitter = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    pool.execute(done::countDown);
                }
            });
            submitters.add(submitter);
            submitter.start();
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).as("tasks left: %d", done.getCount()).isTrue();
    }

    @Test
    void tasksHandedOverByALoopWaitForTheEndOfItsTurnThenAllRun() throws Exception {
        HandlerPool pool = new HandlerPool(4, "test-pool");
        ManualLoop loop = new ManualLoop();
        CountDownLatch done = new CountDownLatch(50);

        for (int i = 0; i < 50; i++) {
            pool.execute(done::countDown, loop);
        }

        // one wake-up for the whole turn, and nothing ran before it: no worker was awake
        assertThat(loop.queued).hasSize(1);
        assertThat(done.await(100, TimeUnit.MILLISECONDS)).isFalse();
        loop.endTurn();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBlockedTaskDoesNotHoldUpTheTasksQueuedBehindIt() throws Exception {
        HandlerPool pool = new HandlerPool(2, "test-pool");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        pool.execute(() -> {
            blocking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch others = new CountDownLatch(100);

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            pool.execute(() -> {
                ran.incrementAndGet();
                others.countDown();
            });
        }

        try {
            // the only awake worker is stuck, so the monitor must bring in the second one
            assertThat(others.await(2, TimeUnit.SECONDS)).as("ran %d of 100", ran.get()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingTaskDoesNotKillItsWorker() throws Exception {
        HandlerPool pool = new HandlerPool(1, "test-pool");
        CountDownLatch after = new CountDownLatch(1);

        pool.execute(() -> {
            throw new IllegalStateException("handler bug (expected by the test)");
        });
        pool.execute(after::countDown);

        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
