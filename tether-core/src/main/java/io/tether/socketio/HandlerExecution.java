package io.tether.socketio;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where event handlers run. Whatever the choice, one socket's handlers run one at a time, in arrival order.
 *
 * <pre>{@code
 * SocketIoOptions.builder().handlerExecution(HandlerExecution.inline())          // never-blocking handlers
 * SocketIoOptions.builder().handlerExecution(HandlerExecution.executor(myPool))  // the application's threads
 * }</pre>
 */
public sealed interface HandlerExecution {

    /** Virtual threads when the JVM has them (21+), a bounded pool otherwise: the default. */
    static HandlerExecution automatic() {
        return Automatic.INSTANCE;
    }

    /** A virtual thread per task; the server refuses to start on a JVM without them. */
    static HandlerExecution virtualThreads() {
        return VirtualThreads.INSTANCE;
    }

    /** Tether's own pool of at most this many platform threads, tuned to wake as few of them as it can. */
    static HandlerExecution pool(int maxThreads) {
        return new Pool(maxThreads);
    }

    /** On the connection's I/O thread: fastest, for handlers that never block. */
    static HandlerExecution inline() {
        return Inline.INSTANCE;
    }

    /** On the application's executor, which the server never shuts down. */
    static HandlerExecution executor(Executor executor) {
        return new OnExecutor(executor);
    }

    /** See {@link #automatic()}. */
    record Automatic() implements HandlerExecution {
        private static final Automatic INSTANCE = new Automatic();
    }

    /** See {@link #virtualThreads()}. */
    record VirtualThreads() implements HandlerExecution {
        private static final VirtualThreads INSTANCE = new VirtualThreads();
    }

    /** See {@link #pool(int)}. */
    record Pool(int maxThreads) implements HandlerExecution {
        public Pool {
            if (maxThreads < 1) {
                throw new IllegalArgumentException("a pool needs at least one thread: " + maxThreads);
            }
        }
    }

    /** See {@link #inline()}. */
    record Inline() implements HandlerExecution {
        private static final Inline INSTANCE = new Inline();
    }

    /** See {@link #executor(Executor)}. */
    record OnExecutor(Executor executor) implements HandlerExecution {
        public OnExecutor {
            Objects.requireNonNull(executor, "executor");
        }
    }
}
