package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.channels.testing.WebsocketCommunicator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void theQueryStringIsKeptAndParsed() {
        Scope scope = Scope.builder("/ws/chat/lobby/?token=a%20b&tag=x&tag=y&flag").build();

        assertThat(scope.path()).isEqualTo("/ws/chat/lobby/");
        assertThat(scope.queryString()).isEqualTo("token=a%20b&tag=x&tag=y&flag");
        assertThat(scope.queryParameter("token")).contains("a b");
        assertThat(scope.query().get("tag")).containsExactly("x", "y");
        assertThat(scope.queryParameter("flag")).contains("");
    }

    @Test
    void headersAreFoundInAnyCaseAndCookiesAreParsedFromThem() {
        Scope scope = Scope.builder("/ws/")
                .header("Cookie", "sessionid=abc; theme=dark")
                .header("X-Token", "t1")
                .build();

        assertThat(scope.header("x-token")).contains("t1");
        assertThat(scope.headers()).containsKey("cookie");
        assertThat(scope.cookies()).isEqualTo(Map.of("sessionid", "abc", "theme", "dark"));
    }

    @Test
    void clientSubprotocolsAndUserAreCarried() {
        InetSocketAddress client = new InetSocketAddress("127.0.0.1", 50000);
        Scope scope = Scope.builder("/ws/").client(client).subprotocol("v2").subprotocol("v1").user("alice").build();

        assertThat(scope.client()).contains(client);
        assertThat(scope.subprotocols()).containsExactly("v2", "v1");
        assertThat(scope.user()).contains("alice");
    }

    @Test
    void aScopeWithoutAUserHasNone() {
        assertThat(Scope.builder("/ws/").build().user()).isEmpty();
    }

    @Test
    void theConsumerSeesItsRoutesPathParametersInItsScope() throws Exception {
        CompletableFuture<Scope> seen = new CompletableFuture<>();
        ChannelsApplication application = ChannelsApplication.builder()
                .routes(ChannelRoutes.builder().route("/ws/chat/{room}/", () -> new WebsocketConsumer() {
                    @Override
                    protected void connect() {
                        seen.complete(scope());
                        accept();
                    }
                }).build())
                .build();
        try (application; var client = new WebsocketCommunicator(application, "/ws/chat/lobby/?x=1")) {
            client.connect();

            Scope scope = seen.get(5, TimeUnit.SECONDS);
            assertThat(scope.pathParameters()).isEqualTo(Map.of("room", "lobby"));
            assertThat(scope.query()).isEqualTo(Map.of("x", List.of("1")));
        }
    }
}
