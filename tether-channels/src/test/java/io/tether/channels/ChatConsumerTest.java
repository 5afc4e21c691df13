package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.channels.testing.WebsocketCommunicator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Django Channels tutorial's chat consumer, written in Java as a user would, tested as a user would. */
class ChatConsumerTest {

    static final class ChatConsumer extends JsonWebsocketConsumer {
        private String roomGroupName;

        ChatConsumer() {
            on("chat_message", event -> sendJson(Map.of("message", event.get("message"))));
        }

        @Override
        protected void connect() {
            roomGroupName = "chat_" + scope().pathParameters().get("room_name");
            groupAdd(roomGroupName);
            accept();
        }

        @Override
        protected void disconnect(int code) {
            groupDiscard(roomGroupName);
        }

        @Override
        protected void receiveJson(JsonNode content) {
            groupSend(roomGroupName, Map.of("type", "chat_message", "message", content.path("message").asText()));
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().regex("^/ws/chat/(?<room_name>\\w+)/$", ChatConsumer::new).build())
            .build();

    @AfterEach
    void close() {
        application.close();
    }

    @Test
    void aMessageReachesEveryoneInTheRoomAndNoOneOutsideIt() {
        try (var alice = new WebsocketCommunicator(application, "/ws/chat/lobby/");
             var bob = new WebsocketCommunicator(application, "/ws/chat/lobby/");
             var carol = new WebsocketCommunicator(application, "/ws/chat/kitchen/")) {
            assertThat(alice.connect().accepted()).isTrue();
            assertThat(bob.connect().accepted()).isTrue();
            assertThat(carol.connect().accepted()).isTrue();

            alice.sendJson(Map.of("message", "hello"));

            assertThat(alice.receiveJson()).isEqualTo(bob.receiveJson());
            assertThat(bob.receiveNothing(Duration.ofMillis(100))).isTrue();
            assertThat(carol.receiveNothing(Duration.ofMillis(100))).isTrue();
        }
    }

    @Test
    void theRoomSeesExactlyTheSeedsJson() {
        try (var alice = new WebsocketCommunicator(application, "/ws/chat/lobby/")) {
            alice.connect();

            alice.sendText("{\"message\": \"hello\"}");

            assertThat(alice.receiveJson().toString()).isEqualTo("{\"message\":\"hello\"}");
        }
    }

    @Test
    void aServerProcessReachesTheRoomThroughTheLayer() {
        try (var alice = new WebsocketCommunicator(application, "/ws/chat/lobby/")) {
            alice.connect();

            application.layer().groupSend("chat_lobby", Map.of("type", "chat.message", "message", "from a view"));

            assertThat(alice.receiveJson().path("message").asText()).isEqualTo("from a view");
        }
    }
}
