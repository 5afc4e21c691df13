package io.tether.testkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for a future in a test, where "never" must fail the test with a readable message.
 *
 * <pre>{@code
 * Object[] answer = Futures.result(ackFuture, Duration.ofSeconds(10));
 * }</pre>
 */
public final class Futures {
    private Futures() {}

    /**
     * The future's value within the timeout; an {@link AssertionError} otherwise (the future's own one when it
     * failed with an assertion).
     */
    public static <T> T result(CompletableFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + timeout, e);
        }
    }

    /** The cause of a future that must fail within the timeout; an {@link AssertionError} if it does not. */
    public static Throwable failureOf(CompletableFuture<?> future, Duration timeout) {
        try {
            Object value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("nothing within " + timeout, e);
        }
    }
}
