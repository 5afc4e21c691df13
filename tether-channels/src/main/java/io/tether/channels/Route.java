package io.tether.channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One route: a path pattern, the names of its parameters, and the factory of the consumers it serves. */
public final class Route {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    // Python's (?P<name>...) as well as Java's (?<name>...), and names with underscores, which Java's groups refuse
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

    private final String source;
    private final Pattern pattern;
    private final List<String> parameterNames;
    private final Supplier<? extends WebsocketConsumer> consumers;

    private Route(String source, Pattern pattern, List<String> parameterNames,
                  Supplier<? extends WebsocketConsumer> consumers) {
        this.source = source;
        this.pattern = pattern;
        this.parameterNames = List.copyOf(parameterNames);
        this.consumers = Objects.requireNonNull(consumers, "consumers");
    }

    /** A route for a path template: {@code /ws/chat/{room}/}, where a parameter matches one path segment. */
    public static Route template(String template, Supplier<? extends WebsocketConsumer> consumers) {
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher parameter = TEMPLATE_PARAMETER.matcher(template);
        int literalStart = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, parameter.start())));
            regex.append("(?<p").append(names.size()).append(">[^/]+)");
            names.add(parameter.group(1));
            literalStart = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(literalStart)));
        return new Route(template, Pattern.compile(regex.toString()), names, consumers);
    }

    /**
     * A route for a regular expression whose named groups are the parameters, as Channels' {@code re_path}:
     * {@code ^/ws/chat/(?<room_name>\w+)/$}, or in Python's spelling {@code (?P<room_name>\w+)}. It must match
     * the whole path.
     */
    public static Route regex(String regex, Supplier<? extends WebsocketConsumer> consumers) {
        List<String> names = new ArrayList<>();
        StringBuilder javaRegex = new StringBuilder();
        Matcher group = NAMED_GROUP.matcher(regex);
        while (group.find()) {
            group.appendReplacement(javaRegex, "(?<p" + names.size() + ">");
            names.add(group.group(1));
        }
        group.appendTail(javaRegex);
        return new Route(regex, Pattern.compile(javaRegex.toString()), names, consumers);
    }

    /** The template or regular expression this route was made from. */
    public String source() {
        return source;
    }

    /** The path parameters, in pattern order, if the path matches this route. */
    public Optional<Map<String, String>> match(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parameterNames.size(); i++) {
            String value = matcher.group("p" + i);
            if (value != null) {
                parameters.put(parameterNames.get(i), value);
            }
        }
        return Optional.of(java.util.Collections.unmodifiableMap(parameters));
    }

    /** A new consumer for a connection on this route. */
    public WebsocketConsumer newConsumer() {
        return Objects.requireNonNull(consumers.get(), "the route's factory returned null: " + source);
    }

    @Override
    public String toString() {
        return "Route[" + source + "]";
    }
}
