package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MiddlewareChainTest {
    private final List<String> seen = new ArrayList<>();

    /** A middleware of these tests: what it does with the step it is given. */
    private interface Middleware {
        void handle(MiddlewareChain.Step<String> step) throws Exception;
    }

    private MiddlewareChain<Middleware, String> chain(List<Middleware> middlewares) {
        return new MiddlewareChain<>(middlewares, Middleware::handle, () -> seen.add("end"),
                reason -> seen.add("rejected: " + reason), e -> "threw " + e.getMessage());
    }

    private Middleware accepting(String name) {
        return step -> {
            seen.add(name);
            step.accept();
        };
    }

    @Test
    void withoutMiddlewaresTheEndRunsAtOnce() {
        chain(List.of()).start();

        assertThat(seen).containsExactly("end");
    }

    @Test
    void middlewaresRunInOrderThenTheEnd() {
        chain(List.of(accepting("a"), accepting("b"))).start();

        assertThat(seen).containsExactly("a", "b", "end");
    }

    @Test
    void aRejectionStopsTheChainAndIsReported() {
        chain(List.of(accepting("a"), step -> step.reject("no"), accepting("c"))).start();

        assertThat(seen).containsExactly("a", "rejected: no");
    }

    @Test
    void aMiddlewareThatThrowsStopsTheChainWithWhatItThrew() {
        chain(List.of(step -> {
            throw new IllegalStateException("broken");
        }, accepting("b"))).start();

        assertThat(seen).containsExactly("rejected: threw broken");
    }

    @Test
    void onlyTheFirstCallOfAStepCounts() {
        chain(List.of(step -> {
            step.accept();
            step.accept();
            step.reject("too late");
        })).start();

        assertThat(seen).containsExactly("end");
    }

    @Test
    void aMiddlewareMayContinueLaterFromElsewhere() {
        AtomicReference<MiddlewareChain.Step<String>> held = new AtomicReference<>();
        chain(List.of(held::set, accepting("b"))).start();
        assertThat(seen).isEmpty();

        held.get().accept();

        assertThat(seen).containsExactly("b", "end");
    }
}
