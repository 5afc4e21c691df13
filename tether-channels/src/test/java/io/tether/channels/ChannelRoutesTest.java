package io.tether.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRoutesTest {

    static final class Chat extends WebsocketConsumer {
    }

    static final class Echo extends WebsocketConsumer {
    }

    private final ChannelRoutes routes = ChannelRoutes.builder()
            .route("/ws/chat/{room}/", Chat::new)
            .regex("^/ws/echo/(?<id>\\d+)/(?<name>\\w+)/$", Echo::new)
            .build();

    @Test
    void aTemplateRouteGivesItsPathParameters() {
        RouteMatch match = routes.match("/ws/chat/lobby/").orElseThrow();

        assertThat(match.route().source()).isEqualTo("/ws/chat/{room}/");
        assertThat(match.pathParameters()).isEqualTo(Map.of("room", "lobby"));
    }

    @Test
    void aTemplateParameterMatchesOneSegmentOnly() {
        assertThat(routes.match("/ws/chat/lobby/extra/")).isEmpty();
    }

    @Test
    void aRegexRouteGivesItsNamedGroups() {
        RouteMatch match = routes.match("/ws/echo/42/alice/").orElseThrow();

        assertThat(match.route().newConsumer()).isInstanceOf(Echo.class);
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "42", "name", "alice"));
    }

    @Test
    void aRegexRouteMustMatchTheWholePath() {
        assertThat(routes.match("/ws/echo/x/alice/")).isEmpty();
    }

    @Test
    void parameterNamesMayHaveUnderscoresAndPythonsSpelling() {
        ChannelRoutes django = ChannelRoutes.builder()
                .regex("^/ws/chat/(?P<room_name>\\w+)/$", Chat::new)
                .route("/ws/user/{user_id}/", Echo::new)
                .build();

        assertThat(django.match("/ws/chat/lobby/").orElseThrow().pathParameters())
                .isEqualTo(Map.of("room_name", "lobby"));
        assertThat(django.match("/ws/user/7/").orElseThrow().pathParameters()).isEqualTo(Map.of("user_id", "7"));
    }

    @Test
    void anUnknownPathMatchesNothing() {
        assertThat(routes.match("/ws/unknown/")).isEmpty();
        assertThat(routes.match("/socket.io/")).isEmpty();
    }

    @Test
    void theFirstMatchingRouteWins() {
        ChannelRoutes overlapping = ChannelRoutes.builder()
                .route("/ws/{anything}/", Chat::new)
                .route("/ws/echo/", Echo::new)
                .build();

        assertThat(overlapping.match("/ws/echo/").orElseThrow().route().newConsumer()).isInstanceOf(Chat.class);
    }

    @Test
    void eachMatchMakesANewConsumer() {
        Route route = routes.match("/ws/chat/a/").orElseThrow().route();

        assertThat(route.newConsumer()).isNotSameAs(route.newConsumer());
    }
}
