package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tether.channels.testing.WebsocketCommunicator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GroupsTest {

    /** Joins the group named by its path, relays what it is told to the group, and shows what the group sends. */
    static final class Member extends WebsocketConsumer {
        Member() {
            on("relay_message", message -> send("relayed " + message.get("text")));
        }

        @Override
        protected void connect() {
            groupAdd(scope().pathParameters().get("group"));
            accept();
        }

        @Override
        protected void receive(String text) {
            if (text.equals("whoami")) {
                send(channelName());
            } else if (text.startsWith("type ")) {
                groupSend(scope().pathParameters().get("group"), Map.of("type", text.substring(5), "text", "typed"));
            } else {
                groupSend(scope().pathParameters().get("group"), Map.of("type", "relay.message", "text", text));
            }
        }

        @Override
        protected void disconnect(int code) {
            groupDiscard(scope().pathParameters().get("group"));
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().route("/ws/{group}/", Member::new).build())
            .build();

    @AfterEach
    void close() {
        application.close();
    }

    @Test
    void aGroupSendReachesEveryMemberAndNoOneElse() {
        try (var alice = new WebsocketCommunicator(application, "/ws/red/");
             var bob = new WebsocketCommunicator(application, "/ws/red/");
             var carol = new WebsocketCommunicator(application, "/ws/blue/")) {
            alice.connect();
            bob.connect();
            carol.connect();

            alice.sendText("hi");

            assertThat(alice.receiveText()).isEqualTo("relayed hi");
            assertThat(bob.receiveText()).isEqualTo("relayed hi");
            assertThat(carol.receiveNothing(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void aDottedTypeReachesTheHandlerOfTheUnderscoredName() {
        try (var alice = new WebsocketCommunicator(application, "/ws/red/")) {
            alice.connect();

            alice.sendText("type relay.message");
            alice.sendText("type relay_message");

            assertThat(alice.receiveText()).isEqualTo("relayed typed");
            assertThat(alice.receiveText()).isEqualTo("relayed typed");
        }
    }

    @Test
    void aMessageOfAnUnknownTypeIsLoggedWithTheConsumerAndTheConnectionLivesOn() {
        Logger logger = (Logger) LoggerFactory.getLogger(WebsocketConsumer.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try (var alice = new WebsocketCommunicator(application, "/ws/red/")) {
            alice.connect();

            alice.sendText("type no.such.type");
            alice.sendText("still here");

            assertThat(alice.receiveText()).isEqualTo("relayed still here");
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).contains("Member", "no.such.type");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aConsumerLeavesItsGroupOnDisconnect() {
        try (var alice = new WebsocketCommunicator(application, "/ws/red/")) {
            var bob = new WebsocketCommunicator(application, "/ws/red/");
            alice.connect();
            bob.connect();
            bob.disconnect();

            alice.sendText("hi");

            assertThat(alice.receiveText()).isEqualTo("relayed hi");
            assertThat(bob.receiveNothing(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void anyoneInTheProcessCanSendToAConsumersChannel() {
        try (var alice = new WebsocketCommunicator(application, "/ws/red/")) {
            alice.connect();
            alice.sendText("whoami");
            String channel = alice.receiveText();

            application.layer().send(channel, Map.of("type", "relay.message", "text", "from outside"));

            assertThat(alice.receiveText()).isEqualTo("relayed from outside");
        }
    }
}
