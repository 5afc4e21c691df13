package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.channels.layer.ChannelFullException;
import io.tether.channels.layer.InMemoryChannelLayer;
import io.tether.channels.testing.WebsocketCommunicator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer that does not keep up fills its channel, and whoever sends to it next is told. */
class CapacityTest {

    private final CountDownLatch release = new CountDownLatch(1);

    /** Reports its channel, then handles its layer messages only when the test releases it. */
    final class Slow extends WebsocketConsumer {
        Slow() {
            on("work", message -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        protected void connect() {
            accept();
            send(channelName());
        }
    }

    /** Sends work to the channel it is given and tells its client how many sends the channel took. */
    static final class Sender extends WebsocketConsumer {
        @Override
        protected void receive(String channel) {
            int sent = 0;
            try {
                while (sent < 1000) {
                    channelLayer().send(channel, Map.of("type", "work"));
                    sent++;
                }
                send("never full");
            } catch (ChannelFullException full) {
                send("full after " + sent);
            }
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().route("/ws/slow/", Slow::new).route("/ws/sender/", Sender::new).build())
            .layer(InMemoryChannelLayer.builder().capacity(10).build())
            .build();

    @AfterEach
    void close() {
        release.countDown();
        application.close();
    }

    @Test
    void aSenderToAConsumerThatDoesNotKeepUpSeesTheChannelFull() {
        try (var slow = new WebsocketCommunicator(application, "/ws/slow/");
             var sender = new WebsocketCommunicator(application, "/ws/sender/")) {
            slow.connect();
            String slowChannel = slow.receiveText();
            sender.connect();

            sender.sendText(slowChannel);

            // the slow consumer may already have taken the first message off its channel when the sender fills it
            assertThat(sender.receiveText()).isIn("full after 10", "full after 11");
            release.countDown();
        }
    }
}
