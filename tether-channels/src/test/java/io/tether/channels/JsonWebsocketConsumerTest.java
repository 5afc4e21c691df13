package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.channels.testing.WebsocketCommunicator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonWebsocketConsumerTest {

    static final class Doubler extends JsonWebsocketConsumer {
        @Override
        protected void receiveJson(JsonNode content) {
            sendJson(Map.of("twice", content.path("n").asInt() * 2));
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().route("/ws/double/", Doubler::new).build())
            .build();

    @AfterEach
    void close() {
        application.close();
    }

    @Test
    void jsonIsDecodedForTheConsumerAndItsAnswerEncoded() {
        try (var client = new WebsocketCommunicator(application, "/ws/double/")) {
            client.connect();
            client.sendJson(Map.of("n", 21));

            assertThat(client.receiveJson().path("twice").asInt()).isEqualTo(42);
        }
    }

    @Test
    void aFrameThatIsNotJsonIsAnsweredWithAJsonErrorAndTheConnectionLivesOn() {
        try (var client = new WebsocketCommunicator(application, "/ws/double/")) {
            client.connect();
            client.sendText("{not json");

            assertThat(client.receiveJson().path("error").asText()).startsWith("invalid JSON");
            client.sendJson(Map.of("n", 1));
            assertThat(client.receiveJson().path("twice").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aBinaryFrameIsAnsweredWithAJsonError() {
        try (var client = new WebsocketCommunicator(application, "/ws/double/")) {
            client.connect();
            client.sendBytes(new byte[] {1});

            assertThat(client.receiveJson().path("error").asText()).contains("text frames");
        }
    }
}
