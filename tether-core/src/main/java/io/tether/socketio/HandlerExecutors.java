package io.tether.socketio;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where handlers run by default: virtual threads when the JVM has them (21+), a bounded pool otherwise. */
final class HandlerExecutors {
    private static final Logger log = LoggerFactory.getLogger(HandlerExecutors.class);

    private HandlerExecutors() {}

    static Executor createDefault() {
        try {
            Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            ExecutorService virtualThreads = (ExecutorService) factory.invoke(null);
            log.debug("handlers run on virtual threads");
            return virtualThreads;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            int threads = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
            log.debug("no virtual threads on this JVM; handlers run on a pool of up to {} threads", threads);
            return new HandlerPool(threads, "tether-handler");
        }
    }

    /** Whether the default executor of this JVM uses virtual threads. */
    static boolean virtualThreadsAvailable() {
        try {
            java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return Runtime.version().feature() >= 21;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Executor inline() {
        return Runnable::run;
    }
}
