package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tether.channels.testing.ConnectResult;
import io.tether.channels.testing.WebsocketCommunicator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebsocketConsumerTest {

    private final CompletableFuture<Integer> disconnectCode = new CompletableFuture<>();

    /** Echoes frames; the path picks how it answers the connection. */
    final class Echo extends WebsocketConsumer {
        @Override
        protected void connect() {
            switch (scope().pathParameters().get("mode")) {
                case "accept" -> accept();
                case "subprotocol" -> accept(scope().subprotocols().get(1));
                case "reject" -> close(4403);
                case "early" -> send("too early");
                default -> throw new IllegalArgumentException();
            }
        }

        @Override
        protected void receive(String text) {
            if (text.equals("bye")) {
                close(4000);
            } else if (text.equals("fail")) {
                throw new IllegalStateException("a handler bug (expected by the test)");
            } else {
                send(text);
            }
        }

        @Override
        protected void receive(byte[] bytes) {
            send(bytes);
        }

        @Override
        protected void disconnect(int code) {
            disconnectCode.complete(code);
        }
    }

    private final ChannelsApplication application = ChannelsApplication.builder()
            .routes(ChannelRoutes.builder().route("/ws/{mode}/", Echo::new).build())
            .build();

    @AfterEach
    void close() {
        application.close();
    }

    @Test
    void aConsumerAcceptsTheConnection() {
        ConnectResult result = new WebsocketCommunicator(application, "/ws/accept/").connect();

        assertThat(result.accepted()).isTrue();
        assertThat(result.subprotocol()).isEmpty();
    }

    @Test
    void aConsumerAcceptsWithOneOfTheClientsSubprotocols() {
        Scope scope = Scope.builder("/ws/subprotocol/").subprotocol("chat.v2").subprotocol("chat.v1").build();

        ConnectResult result = new WebsocketCommunicator(application, scope).connect();

        assertThat(result.accepted()).isTrue();
        assertThat(result.subprotocol()).contains("chat.v1");
    }

    @Test
    void aConsumerRejectsWithACloseCode() throws Exception {
        ConnectResult result = new WebsocketCommunicator(application, "/ws/reject/").connect();

        assertThat(result.accepted()).isFalse();
        assertThat(result.closeCode()).hasValue(4403);
        assertThat(disconnectCode.get(5, TimeUnit.SECONDS)).isEqualTo(4403);
    }

    @Test
    void textFramesGoBothWays() {
        try (var client = new WebsocketCommunicator(application, "/ws/accept/")) {
            client.connect();
            client.sendText("héllo");

            assertThat(client.receiveText()).isEqualTo("héllo");
        }
    }

    @Test
    void binaryFramesGoBothWays() {
        try (var client = new WebsocketCommunicator(application, "/ws/accept/")) {
            client.connect();
            client.sendBytes(new byte[] {0, 1, (byte) 255});

            assertThat(client.receiveBytes()).containsExactly(0, 1, 255);
        }
    }

    @Test
    void aConsumerClosesWithACodeAndHearsItAsItsDisconnect() throws Exception {
        var client = new WebsocketCommunicator(application, "/ws/accept/");
        client.connect();
        client.sendText("bye");

        assertThat(client.receiveClose(Duration.ofSeconds(5))).isEqualTo(4000);
        assertThat(disconnectCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    @Test
    void theClientsCloseCodeReachesDisconnect() throws Exception {
        var client = new WebsocketCommunicator(application, "/ws/accept/");
        client.connect();

        client.disconnect(1001);

        assertThat(disconnectCode.getNow(null)).isEqualTo(1001);
    }

    @Test
    void aThousandMessagesComeBackInOrder() {
        try (var client = new WebsocketCommunicator(application, "/ws/accept/")) {
            client.connect();
            for (int i = 0; i < 1000; i++) {
                client.sendText(Integer.toString(i));
            }

            for (int i = 0; i < 1000; i++) {
                assertThat(client.receiveText()).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void aFailingHandlerIsLoggedAndTheConnectionLivesOn() {
        try (var client = new WebsocketCommunicator(application, "/ws/accept/")) {
            client.connect();
            client.sendText("fail");
            client.sendText("still here");

            assertThat(client.receiveText()).isEqualTo("still here");
        }
    }

    @Test
    void sendingBeforeAcceptingSendsNothing() {
        var client = new WebsocketCommunicator(application, "/ws/early/");

        // the consumer's send fails in its connect, which therefore never answers
        assertThatThrownBy(() -> client.connect(Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("neither accepted nor rejected");
        assertThat(client.receiveNothing(Duration.ofMillis(50))).isTrue();
    }

    @Test
    void nothingArrivesUnasked() {
        try (var client = new WebsocketCommunicator(application, "/ws/accept/")) {
            client.connect();

            assertThat(client.receiveNothing(Duration.ofMillis(100))).isTrue();
        }
    }
}
