package io.tether.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineLoopTest {
    /** A loop whose thread is, or is not, the caller's; what it is handed waits in a queue. */
    private static final class QueueLoop implements EngineLoop {
        final List<Runnable> queued = new ArrayList<>();
        boolean inLoop;

        @Override
        public boolean inLoop() {
            return inLoop;
        }

        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            queued.add(task);
            return () -> queued.remove(task);
        }

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }
    }

    private final QueueLoop loop = new QueueLoop();
    private final List<String> ran = new ArrayList<>();

    @Test
    void onTheLoopATaskRunsAtOnce() {
        loop.inLoop = true;

        loop.run(() -> ran.add("task"));
        loop.run(ran::add, "value");

        assertThat(ran).containsExactly("task", "value");
        assertThat(loop.queued).isEmpty();
    }

    @Test
    void offTheLoopATaskIsHandedToTheLoop() {
        loop.run(() -> ran.add("task"));
        loop.run(ran::add, "value");
        assertThat(ran).isEmpty();

        loop.queued.forEach(Runnable::run);

        assertThat(ran).containsExactly("task", "value");
    }
}
