package io.tether.chat;

import io.tether.socketio.DisconnectReason;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Socket;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line per message a client sends (django-socketio's {@code SOCKETIO_MESSAGE_LOG_FORMAT}), plus one when
 * it connects and one when it disconnects.
 *
 * <p>The format is text with placeholders, written {@code {name}} or, as in django-socketio,
 * {@code %(name)s}:
 * <ul>
 * <li>{@code {time}}: the server's local date and time, {@code 2025-01-31T18:04:05.123};
 * <li>{@code {addr}}: the client's IP address;
 * <li>{@code {sid}}: the socket id;
 * <li>{@code {name}}: the user's name (the socket id while none is set);
 * <li>{@code {event}}: the event name, {@code connect} and {@code disconnect} for those two lines;
 * <li>{@code {data}}: the event's arguments as JSON (the only one as itself, several as an array, none as
 *     nothing; the disconnect reason for disconnect), cut after 1000 characters;
 * <li>{@code {namespace}}: the namespace, {@code /};
 * <li>{@code {transport}}: {@code polling} or {@code websocket}.
 * </ul>
 * The default is {@value #DEFAULT_FORMAT}; {@code none} turns the log off.
 */
public final class MessageLog {
    /** The format used when none is configured. */
    public static final String DEFAULT_FORMAT = "{time} {addr} {sid} {event} {data}";
    /** The format value that turns the log off. */
    public static final String NONE = "none";
    /** The placeholders a format may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("time", "addr", "sid", "name", "event", "data",
            "namespace", "transport");

    static final int MAX_DATA_CHARS = 1000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}|%\\((\\w+)\\)s");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS",
            Locale.ROOT);
    private static final MessageLog OFF = new MessageLog(List.of(), line -> { }, Clock.systemDefaultZone(), false);

    /** A literal piece of the format, or a placeholder's name. */
    private record Part(String text, boolean placeholder) { }

    private final List<Part> parts;
    private final Consumer<String> sink;
    private final Clock clock;
    private final boolean enabled;

    private MessageLog(List<Part> parts, Consumer<String> sink, Clock clock, boolean enabled) {
        this.parts = parts;
        this.sink = sink;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** A log that writes nothing. */
    public static MessageLog off() {
        return OFF;
    }

    /**
     * A log with this format ({@code none}, in any case, turns it off) writing each line to the sink.
     *
     * @throws IllegalArgumentException for a placeholder that does not exist
     */
    public static MessageLog of(String format, Consumer<String> sink, Clock clock) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
        if (isOff(format)) {
            return OFF;
        }
        return new MessageLog(parse(format), sink, clock, true);
    }

    /** Whether this format value turns the log off. */
    public static boolean isOff(String format) {
        return format.strip().equalsIgnoreCase(NONE);
    }

    /** Checks a format, throwing {@link IllegalArgumentException} that names a bad placeholder. */
    public static void validate(String format) {
        if (!isOff(format)) {
            parse(format);
        }
    }

    private static List<Part> parse(String format) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(format);
        int last = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " in the message log format"
                        + " (known: {time} {addr} {sid} {name} {event} {data} {namespace} {transport})");
            }
            if (m.start() > last) {
                parts.add(new Part(format.substring(last, m.start()), false));
            }
            parts.add(new Part(name, true));
            last = m.end();
        }
        if (last < format.length()) {
            parts.add(new Part(format.substring(last), false));
        }
        return List.copyOf(parts);
    }

    /** Whether lines are written at all. */
    public boolean enabled() {
        return enabled;
    }

    void connected(Socket socket, ChatApp app) {
        if (enabled) {
            write(socket, app, "connect", "");
        }
    }

    void event(Socket socket, ChatApp app, String event, EventArgs args) {
        if (enabled) {
            String data = switch (args.size()) {
                case 0 -> "";
                case 1 -> args.get(0).toString();
                default -> args.values().toString();
            };
            write(socket, app, event, data);
        }
    }

    void disconnected(Socket socket, ChatApp app, DisconnectReason reason) {
        if (enabled) {
            write(socket, app, "disconnect", reason.wireName());
        }
    }

    private void write(Socket socket, ChatApp app, String event, String data) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("time", TIME.format(LocalDateTime.now(clock)));
        values.put("addr", String.valueOf(socket.handshake().address()));
        values.put("sid", socket.id());
        values.put("name", app.displayName(socket.id()));
        values.put("event", event);
        values.put("data", abbreviate(data));
        values.put("namespace", socket.namespace().name());
        values.put("transport", String.valueOf(socket.transport()));
        sink.accept(format(values));
    }

    /** The line for these placeholder values (a missing one stays empty). */
    String format(Map<String, String> values) {
        StringBuilder line = new StringBuilder();
        for (Part part : parts) {
            line.append(part.placeholder() ? values.getOrDefault(part.text(), "") : part.text());
        }
        return line.toString();
    }

    private static String abbreviate(String data) {
        return data.length() <= MAX_DATA_CHARS ? data
                : data.substring(0, MAX_DATA_CHARS) + "... (" + data.length() + " chars)";
    }
}
