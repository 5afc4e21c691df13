package io.tether.engine;

import java.util.concurrent.Executor;

/**
 * The single thread a session's state lives on. The network layer supplies it (a Netty event loop); every
 * session method that is not documented as thread-safe runs on it.
 */
public interface EngineLoop extends Executor {
    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** Runs a task on this loop after a delay; the returned handle cancels it. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
