package io.tether.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The WebSocket routes of an application, tried in order, as Channels' {@code URLRouter}.
 *
 * <pre>{@code
 * ChannelRoutes routes = ChannelRoutes.builder()
 *     .route("/ws/chat/{room}/", ChatConsumer::new)
 *     .regex("^/ws/echo/(?<id>\\d+)/$", EchoConsumer::new)
 *     .build();
 * }</pre>
 */
public final class ChannelRoutes {

    private final List<Route> routes;

    private ChannelRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** An empty table to fill. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first route that matches the whole path, with its parameters; empty for an unknown path. */
    public Optional<RouteMatch> match(String path) {
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isPresent()) {
                return Optional.of(new RouteMatch(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** The routes, in the order they are tried. */
    public List<Route> routes() {
        return routes;
    }

    /** Builds a {@link ChannelRoutes}. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /** A route for a path template such as {@code /ws/chat/{room}/}. */
        public Builder route(String template, Supplier<? extends WebsocketConsumer> consumers) {
            return add(Route.template(template, consumers));
        }

        /** A route for a regular expression with named groups such as {@code ^/ws/chat/(?<room>\w+)/$}. */
        public Builder regex(String regex, Supplier<? extends WebsocketConsumer> consumers) {
            return add(Route.regex(regex, consumers));
        }

        /** A route made beforehand. */
        public Builder add(Route route) {
            routes.add(route);
            return this;
        }

        /** The table. */
        public ChannelRoutes build() {
            return new ChannelRoutes(routes);
        }
    }
}
