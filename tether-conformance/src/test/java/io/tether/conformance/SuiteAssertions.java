package io.tether.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Checks both protocol suites make the same way, and their constants. */
final class SuiteAssertions {
    /** The suites' {@code PING_INTERVAL}, as the fixture is configured. */
    static final long PING_INTERVAL = 300;
    /** The suites' {@code PING_TIMEOUT}, as the fixture is configured. */
    static final long PING_TIMEOUT = 200;
    /**
     * Slack after {@code PING_INTERVAL + PING_TIMEOUT} before a test checks that the session is gone: the suites wait
     * exactly that long, which races the server's own timer on a loaded machine (seen failing under parallel builds).
     */
    static final long TIMER_SLACK = 150;

    static final ObjectMapper JSON = new ObjectMapper();

    private SuiteAssertions() {}

    /**
     * The suites' checks of an Engine.IO handshake: starts with "0", {@code to.have.all.keys(...)}, sid a string,
     * the upgrades, pingInterval, pingTimeout and maxPayload.
     */
    static void assertHandshake(String content, String... upgrades) throws IOException {
        assertThat(content).startsWith("0");
        JsonNode value = JSON.readTree(content.substring(1));
        List<String> keys = new ArrayList<>();
        value.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(value.get("sid").isTextual()).as("sid is a string: %s", value.get("sid")).isTrue();
        assertThat(value.get("upgrades")).isEqualTo(JSON.valueToTree(upgrades));
        assertNumber(value, "pingInterval", PING_INTERVAL);
        assertNumber(value, "pingTimeout", PING_TIMEOUT);
        assertNumber(value, "maxPayload", 1_000_000);
    }

    /** {@code expect(value[key]).to.eql(expected)} for a JSON number. */
    static void assertNumber(JsonNode value, String key, long expected) {
        assertThat(value.get(key).isNumber()).as("%s is a number: %s", key, value.get(key)).isTrue();
        assertThat(value.get(key).asDouble()).as(key).isEqualTo((double) expected);
    }

    /**
     * The WebSocket upgrade is refused: the handshake is answered, with a 400 (Node's answer), not a 101. The
     * suites only start waiting for the "close" event (without awaiting it); this is stronger.
     */
    static void assertUpgradeRefused(SuiteWebSocket socket) {
        Throwable error = catchThrowable(() -> socket.opening().get(SuiteWebSocket.WAIT.toMillis(),
                TimeUnit.MILLISECONDS));
        assertThat(error).as("the WebSocket opening").isInstanceOf(ExecutionException.class);
        assertThat(error.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) error.getCause()).getResponse().statusCode()).isEqualTo(400);
    }

    /** The sid of a handshake response: {@code JSON.parse(content.substring(1)).sid}. */
    static String sidOf(String content) throws IOException {
        return JSON.readTree(content.substring(1)).get("sid").asText();
    }
}
