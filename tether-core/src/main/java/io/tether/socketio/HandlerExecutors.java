package io.tether.socketio;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link HandlerExecution} into the executor handlers are handed to. */
final class HandlerExecutors {
    private static final Logger log = LoggerFactory.getLogger(HandlerExecutors.class);
    private static final String POOL_NAME = "tether-handler";

    private HandlerExecutors() {}

    static Executor create(HandlerExecution execution) {
        if (execution instanceof HandlerExecution.Inline) {
            return Runnable::run;
        }
        if (execution instanceof HandlerExecution.OnExecutor onExecutor) {
            return onExecutor.executor();
        }
        if (execution instanceof HandlerExecution.Pool pool) {
            return new HandlerPool(pool.maxThreads(), POOL_NAME);
        }
        if (execution instanceof HandlerExecution.VirtualThreads) {
            return virtualThreads().orElseThrow(() -> new IllegalStateException(
                    "virtual threads need Java 21 or later; this is " + Runtime.version()));
        }
        return virtualThreads().orElseGet(() -> {
            int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
            log.debug("no virtual threads on this JVM; handlers run on a pool of up to {} threads", threads);
            return new HandlerPool(threads, POOL_NAME);
        });
    }

    /** A virtual-thread-per-task executor, reached reflectively because the baseline is Java 17. */
    private static Optional<Executor> virtualThreads() {
        try {
            Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            ExecutorService virtualThreads = (ExecutorService) factory.invoke(null);
            log.debug("handlers run on virtual threads");
            return Optional.of(virtualThreads);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
