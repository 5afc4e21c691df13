package io.tether.socketio;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs middlewares one after the other: each continues the chain or stops it, once, from any thread; when the
 * last one continues, the chain's end runs. Namespace and packet middlewares both go through it.
 *
 * @param <M> the middleware type
 * @param <R> what a middleware stops the chain with
 */
final class MiddlewareChain<M, R> {
    /** Calls one middleware with the step that continues or stops the chain. */
    @FunctionalInterface
    interface Invoker<M, R> {
        void invoke(M middleware, Step<R> step) throws Exception;
    }

    /** Continues or stops the chain; only the first call of either counts. */
    interface Step<R> {
        void accept();

        void reject(R reason);
    }

    private final List<M> middlewares;
    private final Invoker<M, R> invoker;
    private final Runnable end;
    private final Consumer<R> rejected;
    private final Function<Exception, R> failed;

    /**
     * @param end runs when every middleware accepted
     * @param rejected told when a middleware stops the chain
     * @param failed turns what a middleware threw into the reason it stops the chain with
     */
    MiddlewareChain(List<M> middlewares, Invoker<M, R> invoker, Runnable end, Consumer<R> rejected,
            Function<Exception, R> failed) {
        this.middlewares = middlewares;
        this.invoker = invoker;
        this.end = end;
        this.rejected = rejected;
        this.failed = failed;
    }

    /** Runs the first middleware (or the end, when there is none) on the calling thread. */
    void start() {
        run(0);
    }

    private void run(int index) {
        if (index >= middlewares.size()) {
            end.run();
            return;
        }
        Step<R> step = new Step<>() {
            private final AtomicBoolean called = new AtomicBoolean();

            @Override
            public void accept() {
                if (called.compareAndSet(false, true)) {
                    run(index + 1);
                }
            }

            @Override
            public void reject(R reason) {
                if (called.compareAndSet(false, true)) {
                    rejected.accept(reason);
                }
            }
        };
        try {
            invoker.invoke(middlewares.get(index), step);
        } catch (Exception e) {
            step.reject(failed.apply(e));
        }
    }
}
