package io.tether.engine;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The single thread a session's state lives on. The network layer supplies it (a Netty event loop); every
 * session method that is not documented as thread-safe runs on it.
 */
public interface EngineLoop extends Executor {
    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** Runs a task now when called on this loop, otherwise hands it to the loop. */
    default void run(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /**
     * Gives a value to a task now when called on this loop, otherwise on the loop. With a task kept in a field
     * nothing is allocated on the loop's own calls, which matters on the per-packet paths.
     */
    default <T> void run(Consumer<? super T> task, T value) {
        if (inLoop()) {
            task.accept(value);
        } else {
            execute(() -> task.accept(value));
        }
    }

    /** Runs a task on this loop after a delay; the returned handle cancels it. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
