package io.tether.channels;

import java.util.Map;

/** A route that matched a path, with the path's parameters (Channels' {@code scope["url_route"]["kwargs"]}). */
public record RouteMatch(Route route, Map<String, String> pathParameters) {

    /** A match; the parameters are copied. */
    public RouteMatch {
        pathParameters = Map.copyOf(pathParameters);
    }
}
