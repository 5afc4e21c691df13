package io.tether.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tether.engine.TransportType;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SocketIoOptionsTest {

    @Test
    void defaultsAreNodesAtTheSocketIoPath() {
        SocketIoOptions options = SocketIoOptions.defaults();

        assertThat(options.engine().path()).isEqualTo("/socket.io/");
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(options.maxAttachments()).isEqualTo(100);
        assertThat(options.handlerExecution()).isEqualTo(HandlerExecution.automatic());
        assertThat(options.connectionStateRecovery().enabled()).isFalse();
    }

    @Test
    void toBuilderKeepsEverySettingIncludingTheEngineOnes() {
        SocketIoOptions original = SocketIoOptions.builder().path("/rt/").pingInterval(Duration.ofSeconds(5))
                .transports(TransportType.WEBSOCKET).connectTimeout(Duration.ofSeconds(3)).maxAttachments(7)
                .handlerExecution(HandlerExecution.pool(4))
                .connectionStateRecovery(ConnectionStateRecovery.of(Duration.ofMinutes(1))).build();

        SocketIoOptions copy = original.toBuilder().build();
        SocketIoOptions changed = original.toBuilder().handlerExecution(HandlerExecution.inline()).build();

        assertThat(copy).isEqualTo(original);
        assertThat(changed.handlerExecution()).isEqualTo(HandlerExecution.inline());
        assertThat(changed.engine()).isEqualTo(original.engine());
        assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesAMissingOptionInsteadOfReadingItAsADefault() {
        assertThatThrownBy(() -> SocketIoOptions.builder().handlerExecution(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("handlerExecution");
        assertThatThrownBy(() -> SocketIoOptions.builder().connectionStateRecovery(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("connectionStateRecovery");
    }

    @Test
    void refusesAConnectTimeoutShorterThanAMillisecond() {
        assertThatThrownBy(() -> SocketIoOptions.builder().connectTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void inlineExecutionRunsHandlersOnTheCallingThread() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        HandlerExecutors.create(HandlerExecution.inline()).execute(() -> ranOn.set(Thread.currentThread()));

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void executorExecutionHandsHandlersToTheApplicationsExecutor() {
        Executor mine = Runnable::run;

        assertThat(HandlerExecutors.create(HandlerExecution.executor(mine))).isSameAs(mine);
    }

    @Test
    void poolExecutionRunsHandlersOnTethersPool() {
        assertThat(HandlerExecutors.create(HandlerExecution.pool(2))).isInstanceOf(HandlerPool.class);
    }

    @Test
    void automaticExecutionUsesVirtualThreadsWhenTheJvmHasThemAndThePoolOtherwise() {
        Executor executor = HandlerExecutors.create(HandlerExecution.automatic());

        if (Runtime.version().feature() >= 21) {
            assertThat(executor).isNotInstanceOf(HandlerPool.class);
        } else {
            assertThat(executor).isInstanceOf(HandlerPool.class);
        }
    }

    @Test
    void virtualThreadExecutionFailsOnAJvmWithoutThem() {
        if (Runtime.version().feature() >= 21) {
            assertThat(HandlerExecutors.create(HandlerExecution.virtualThreads())).isNotInstanceOf(HandlerPool.class);
        } else {
            assertThatThrownBy(() -> HandlerExecutors.create(HandlerExecution.virtualThreads()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPoolNeedsAtLeastOneThread() {
        assertThatThrownBy(() -> HandlerExecution.pool(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectionStateRecoveryIsOffUntilGivenADuration() {
        ConnectionStateRecovery twoMinutes = ConnectionStateRecovery.builder().build();

        assertThat(ConnectionStateRecovery.disabled().enabled()).isFalse();
        assertThat(twoMinutes.enabled()).isTrue();
        assertThat(twoMinutes.maxDisconnectionDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(twoMinutes.toBuilder().skipMiddlewares(false).build())
                .isEqualTo(new ConnectionStateRecovery(Duration.ofMinutes(2), false));
    }
}
