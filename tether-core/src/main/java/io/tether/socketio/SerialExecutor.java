package io.tether.socketio;

import io.tether.engine.EngineLoop;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one socket's tasks one at a time, in submission order, on a shared executor: a socket's handlers
 * never overlap, while different sockets' handlers run in parallel.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    /** The socket's event loop, whose hand-overs to a {@link HandlerPool} wake it once per loop turn. */
    private final EngineLoop loop;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(4);
    private boolean draining;

    SerialExecutor(Executor delegate, EngineLoop loop) {
        this.delegate = delegate;
        this.loop = loop;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            if (delegate instanceof HandlerPool pool && loop.inLoop()) {
                pool.execute(this::drain, loop);
            } else {
                delegate.execute(this::drain);
            }
        } catch (RuntimeException e) {
            // the executor was shut down (server stopping): nothing more will run for this socket
            synchronized (tasks) {
                tasks.clear();
                draining = false;
            }
            log.debug("handler executor refused a task", e);
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable t) {
                log.error("socket task failed", t);
            }
        }
    }
}
