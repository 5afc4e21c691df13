package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.channels.testing.WebsocketCommunicator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    private final CountDownLatch release = new CountDownLatch(1);

    final class MayBlock extends WebsocketConsumer {
        @Override
        protected void receive(String text) {
            if (text.equals("block")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            send(text);
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().route("/ws/", MayBlock::new).build())
            .build();

    @AfterEach
    void close() {
        release.countDown();
        application.close();
    }

    @Test
    void aBlockingHandlerDoesNotDelayAnotherConsumer() {
        try (var blocked = new WebsocketCommunicator(application, "/ws/");
             var other = new WebsocketCommunicator(application, "/ws/")) {
            blocked.connect();
            other.connect();
            blocked.sendText("block");

            other.sendText("free");

            assertThat(other.receiveText(Duration.ofSeconds(2))).isEqualTo("free");
            release.countDown();
            assertThat(blocked.receiveText()).isEqualTo("block");
        }
    }

    @Test
    void aBlockingHandlerHoldsBackItsOwnConsumersNextFrames() {
        try (var client = new WebsocketCommunicator(application, "/ws/")) {
            client.connect();
            client.sendText("block");
            client.sendText("after");

            assertThat(client.receiveNothing(Duration.ofMillis(200))).isTrue();
            release.countDown();
            assertThat(client.receiveText()).isEqualTo("block");
            assertThat(client.receiveText()).isEqualTo("after");
        }
    }
}
