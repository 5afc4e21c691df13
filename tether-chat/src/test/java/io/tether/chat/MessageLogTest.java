package io.tether.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The message log's format: placeholders in both syntaxes, unknown ones refused, {@code none} for off. */
class MessageLogTest {
    private final List<String> lines = new ArrayList<>();

    private static Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("time", "2025-01-31T18:04:05.123");
        v.put("addr", "127.0.0.1");
        v.put("sid", "abc");
        v.put("name", "alice");
        v.put("event", "my_event");
        v.put("data", "{\"data\":\"hi\"}");
        v.put("namespace", "/");
        v.put("transport", "websocket");
        return v;
    }

    @Test
    void defaultFormat() {
        MessageLog log = MessageLog.of(MessageLog.DEFAULT_FORMAT, lines::add, Clock.systemDefaultZone());
        assertThat(log.enabled()).isTrue();
        assertThat(log.format(values())).isEqualTo("2025-01-31T18:04:05.123 127.0.0.1 abc my_event {\"data\":\"hi\"}");
    }

    @Test
    void djangoStylePlaceholdersAndLiteralText() {
        MessageLog log = MessageLog.of("%(addr)s - - [%(time)s] \"Socket.IO %(event)s: %(data)s\" {name}@{namespace}"
                + " via {transport}", lines::add, Clock.systemDefaultZone());
        assertThat(log.format(values())).isEqualTo(
                "127.0.0.1 - - [2025-01-31T18:04:05.123] \"Socket.IO my_event: {\"data\":\"hi\"}\" alice@/ via websocket");
    }

    @Test
    void bracesThatAreNotPlaceholdersStay() {
        MessageLog log = MessageLog.of("{ {sid} } {}", lines::add, Clock.systemDefaultZone());
        assertThat(log.format(values())).isEqualTo("{ abc } {}");
    }

    @Test
    void noneTurnsItOff() {
        assertThat(MessageLog.of("none", lines::add, Clock.systemDefaultZone()).enabled()).isFalse();
        assertThat(MessageLog.of(" NONE ", lines::add, Clock.systemDefaultZone()).enabled()).isFalse();
        assertThat(MessageLog.off().enabled()).isFalse();
    }

    @Test
    void unknownPlaceholderIsRefused() {
        assertThatThrownBy(() -> MessageLog.of("{sid} %(user)s", lines::add, Clock.systemDefaultZone()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown placeholder %(user)s");
        assertThatThrownBy(() -> MessageLog.validate("{when}")).hasMessageStartingWith("unknown placeholder {when}");
    }
}
