package io.tether.channels;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consumer knows of its connection, as Channels' {@code scope}: the path and its route's parameters, the
 * query, headers (names in lower case), cookies, the client's address, the subprotocols the client offered, and the
 * user an authentication hook resolved.
 *
 * <pre>{@code
 * String room = scope().pathParameters().get("room");
 * Optional<String> token = scope().queryParameter("token");
 * }</pre>
 */
public record Scope(
        String path,
        Map<String, String> pathParameters,
        String queryString,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        Map<String, String> cookies,
        Optional<InetSocketAddress> client,
        List<String> subprotocols,
        Optional<Object> user) {

    /** A scope; the collections are copied. */
    public Scope {
        Objects.requireNonNull(path, "path");
        pathParameters = Map.copyOf(pathParameters);
        queryString = queryString == null ? "" : queryString;
        query = copyOfLists(query);
        headers = copyOfLists(headers);
        cookies = Map.copyOf(cookies);
        client = Objects.requireNonNull(client, "client");
        subprotocols = List.copyOf(subprotocols);
        user = Objects.requireNonNull(user, "user");
    }

    /** A scope to build for a path; a query string after {@code ?} is split off. */
    public static Builder builder(String pathAndQuery) {
        return new Builder(pathAndQuery);
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header, by a name in any case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** This scope with the path parameters of the route that matched it. */
    public Scope withPathParameters(Map<String, String> parameters) {
        return new Scope(path, parameters, queryString, query, headers, cookies, client, subprotocols, user);
    }

    /** This scope with the user an authentication hook resolved. */
    public Scope withUser(Object resolvedUser) {
        return new Scope(path, pathParameters, queryString, query, headers, cookies, client, subprotocols,
                Optional.of(resolvedUser));
    }

    private static Map<String, List<String>> copyOfLists(Map<String, List<String>> lists) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        lists.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a {@link Scope}: the query is parsed from the query string, the cookies from the Cookie headers. */
    public static final class Builder {
        private final String path;
        private final String queryString;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private InetSocketAddress client;
        private Object user;

        private Builder(String pathAndQuery) {
            int question = pathAndQuery.indexOf('?');
            this.path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
            this.queryString = question < 0 ? "" : pathAndQuery.substring(question + 1);
        }

        /** Adds a header value. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).add(value);
            return this;
        }

        /** The client's address. */
        public Builder client(InetSocketAddress address) {
            this.client = address;
            return this;
        }

        /** Adds a subprotocol the client offered, in its order of preference. */
        public Builder subprotocol(String subprotocol) {
            subprotocols.add(subprotocol);
            return this;
        }

        /** The authenticated user. */
        public Builder user(Object resolvedUser) {
            this.user = resolvedUser;
            return this;
        }

        /** The scope, without path parameters (the application adds its route's). */
        public Scope build() {
            return new Scope(path, Map.of(), queryString, parseQuery(queryString), headers, parseCookies(headers),
                    Optional.ofNullable(client), subprotocols, Optional.ofNullable(user));
        }

        private static Map<String, List<String>> parseQuery(String queryString) {
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (queryString.isEmpty()) {
                return query;
            }
            for (String pair : queryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            return query;
        }

        private static Map<String, String> parseCookies(Map<String, List<String>> headers) {
            Map<String, String> cookies = new LinkedHashMap<>();
            for (String header : headers.getOrDefault("cookie", List.of())) {
                for (String cookie : header.split(";")) {
                    int equals = cookie.indexOf('=');
                    if (equals > 0) {
                        cookies.putIfAbsent(cookie.substring(0, equals).trim(), cookie.substring(equals + 1).trim());
                    }
                }
            }
            return cookies;
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return text;
            }
        }
    }
}
