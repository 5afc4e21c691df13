package io.tether.chat;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three official JavaScript socket.io clients (4.8, under Node, {@code src/test/js/chat-walk.js}) walk every
 * action of the original example's page, and the test checks who received what after each one.
 */
class ChatJsClientTest extends ChatScriptTestSupport {
    private final List<String> logLines = new CopyOnWriteArrayList<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "default"})
    void everyActionReachesExactlyWhomItShould(String mode) {
        startServer(MessageLog.DEFAULT_FORMAT,
                MessageLog.of("{sid} {name} {event} {data}", logLines::add, Clock.systemDefaultZone()));

        NodeResult result = runScript("chat-walk.js", mode);

        // connect: "Connected" and the number of users connected, to that socket only
        Map<String, JsonNode> greetings = new LinkedHashMap<>();
        result.events("greeting").forEach(g -> greetings.put(g.get("client").asText(), g.get("message")));
        assertThat(greetings.get("a").toString()).isEqualTo("{\"data\":\"Connected\",\"count\":1}");
        assertThat(greetings.get("b").toString()).isEqualTo("{\"data\":\"Connected\",\"count\":2}");
        assertThat(greetings.get("c").toString()).isEqualTo("{\"data\":\"Connected\",\"count\":3}");
        // c was disconnected and forgotten: d is the third user
        assertThat(greetings.get("d").toString()).isEqualTo("{\"data\":\"Connected\",\"count\":3}");

        JsonNode ids = result.event("ids");
        String c = ids.get("c").asText();
        String b = ids.get("b").asText();
        Map<String, Received> steps = steps(result);

        assertThat(steps.get("connected-echo")).isEqualTo(Received.of(List.of("I'm connected!"), List.of(), List.of()));
        // my_event echoes data unchanged, objects included
        assertThat(steps.get("echo-object").a()).hasSize(1);
        assertThat(steps.get("echo-object").a().get(0).toString()).isEqualTo("{\"x\":1,\"y\":[true,null]}");
        assertThat(steps.get("echo-object").b()).isEmpty();
        // set_username answers the sender only
        assertThat(steps.get("a-sets-name")).isEqualTo(
                Received.of(List.of("Username is set to alice !"), List.of(), List.of()));
        // a broadcast reaches everyone, the sender included; no name yet: the socket id
        assertThat(steps.get("b-broadcast-unnamed")).isEqualTo(Received.all("[" + b + "] hi all"));
        assertThat(steps.get("b-sets-name")).isEqualTo(
                Received.of(List.of(), List.of("Username is set to bob !"), List.of()));
        // set_username changes the [NAME] prefix
        assertThat(steps.get("b-broadcast-named")).isEqualTo(Received.all("[bob] hi again"));
        // join: "Entered room" to the room's members, the newcomer included
        assertThat(steps.get("a-joins-r1")).isEqualTo(Received.of(List.of("Entered room: r1"), List.of(), List.of()));
        assertThat(steps.get("b-joins-r1")).isEqualTo(
                Received.of(List.of("Entered room: r1"), List.of("Entered room: r1"), List.of()));
        // a room message reaches the members only, even from a non-member (who does not get it)
        assertThat(steps.get("c-sends-to-r1-from-outside")).isEqualTo(
                Received.of(List.of("[" + c + "] knock knock"), List.of("[" + c + "] knock knock"), List.of()));
        assertThat(steps.get("a-sends-to-r1")).isEqualTo(
                Received.of(List.of("[alice] hello room"), List.of("[alice] hello room"), List.of()));
        // leave: the text goes to the sender only, and the sender is out of the room
        assertThat(steps.get("b-leaves-r1")).isEqualTo(
                Received.of(List.of(), List.of("bob left room: r1"), List.of()));
        assertThat(steps.get("a-sends-to-r1-after-b-left")).isEqualTo(
                Received.of(List.of("[alice] just me"), List.of(), List.of()));
        // leave for a user without a name: the socket id
        assertThat(steps.get("c-joins-r2")).isEqualTo(Received.of(List.of(), List.of(), List.of("Entered room: r2")));
        assertThat(steps.get("c-leaves-r2-unnamed")).isEqualTo(
                Received.of(List.of(), List.of(), List.of(c + " left room: r2")));
        assertThat(steps.get("b-joins-r1-again")).isEqualTo(
                Received.of(List.of("Entered room: r1"), List.of("Entered room: r1"), List.of()));
        assertThat(steps.get("c-joins-r1")).isEqualTo(Received.all("Entered room: r1"));
        // close_room: the members hear it, then they are out
        assertThat(steps.get("b-closes-r1")).isEqualTo(Received.all("Room r1 is closing."));
        assertThat(steps.get("a-sends-to-r1-after-close")).isEqualTo(Received.of(List.of(), List.of(), List.of()));
        assertThat(steps.get("c-sends-to-r1-after-close")).isEqualTo(Received.of(List.of(), List.of(), List.of()));
        // disconnect_request: the server disconnects the sender
        JsonNode disconnected = result.event("disconnected");
        assertThat(disconnected.get("reason").asText()).isEqualTo("io server disconnect");
        assertThat(disconnected.get("connected").asBoolean()).isFalse();
        assertThat(steps.get("a-broadcast-after-c-left")).isEqualTo(
                Received.of(List.of("[alice] bye c"), List.of("[alice] bye c"), List.of()));

        // the message log has a line per event, with the name as it was then
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logLines)
                .contains(c + " " + c + " connect ")
                .contains(b + " bob my_broadcast_event {\"data\":\"hi again\"}")
                .contains(c + " " + c + " disconnect_request ")
                .contains(c + " " + c + " disconnect server namespace disconnect"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.app().userCount() == 0);
    }

    @org.junit.jupiter.api.Test
    void whereTheOriginalRaisesTheChatDoesWhatItPlainlyMeant() {
        startServer();

        NodeResult result = runScript("chat-edges.js", "websocket");

        String a = result.event("ids").get("a").asText();
        String b = result.event("ids").get("b").asText();
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        result.events("step").forEach(step -> steps.put(step.get("step").asText(), step.get("received")));
        java.util.function.BiFunction<String, String, String> got = (step, client) -> steps.get(step).get(client)
                .toString();

        // my_event echoes what came, nothing as null
        assertThat(got.apply("echo-without-payload", "a")).isEqualTo("[null]");
        assertThat(got.apply("echo-without-data", "a")).isEqualTo("[null]");
        assertThat(got.apply("echo-number", "a")).isEqualTo("[42]");
        // a blank name is no name: the socket id shows
        assertThat(got.apply("name-without-data", "a")).isEqualTo("[\"Username is set to  !\"]");
        assertThat(got.apply("name-without-data", "b")).isEqualTo("[]");
        assertThat(got.apply("broadcast-after-blank-name", "b")).isEqualTo("[\"[" + a + "] who?\"]");
        assertThat(got.apply("broadcast-number", "b")).isEqualTo("[\"[" + a + "] 7\"]");
        assertThat(got.apply("broadcast-without-data", "b")).isEqualTo("[\"[" + a + "] \"]");
        // no room, a blank one, or a socket's own room: ignored, nobody hears anything
        for (String step : List.of("join-blank-room", "join-without-room", "join-another-sockets-room",
                "close-another-sockets-room", "leave-own-room", "room-event-without-room",
                "close-room-nobody-is-in")) {
            assertThat(steps.get(step).toString()).as(step).isEqualTo("{\"a\":[],\"b\":[]}");
        }
        // b still gets what is sent to its own room
        assertThat(steps.get("direct-to-b-still-works").toString())
                .isEqualTo("{\"a\":[],\"b\":[\"[" + a + "] psst\"]}");
        // extra fields are ignored; a number is a room name like any other
        assertThat(got.apply("join-with-extra-fields", "a")).isEqualTo("[\"Entered room: r\"]");
        assertThat(got.apply("room-number-name", "b")).isEqualTo("[\"Entered room: 5\"]");
        assertThat(steps.get("room-event-number-room").toString())
                .isEqualTo("{\"a\":[],\"b\":[\"[" + a + "] to five\"]}");
        // a payload that is not an object is refused in the acknowledgement, and the connection lives on
        assertThat(result.event("bad-payload-ack").get("ack").get("error").asText())
                .startsWith("invalid payload for \"join\"");
        assertThat(got.apply("after-bad-payload", "a")).isEqualTo("[\"still here\"]");
        assertThat(b).isNotEqualTo(a);
    }

    /** What a, b and c received in a step (the data of each my_response, in order). */
    record Received(List<JsonNode> a, List<JsonNode> b, List<JsonNode> c) {
        static Received of(List<String> a, List<String> b, List<String> c) {
            return new Received(texts(a), texts(b), texts(c));
        }

        static Received all(String text) {
            return of(List.of(text), List.of(text), List.of(text));
        }

        private static List<JsonNode> texts(List<String> texts) {
            return texts.stream().map(t -> (JsonNode) NodeClient.JSON.getNodeFactory().textNode(t)).toList();
        }
    }

    private static Map<String, Received> steps(NodeResult result) {
        Map<String, Received> steps = new LinkedHashMap<>();
        for (JsonNode step : result.events("step")) {
            JsonNode received = step.get("received");
            steps.put(step.get("step").asText(),
                    new Received(list(received.get("a")), list(received.get("b")), list(received.get("c"))));
        }
        return steps;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return List.copyOf(items);
    }
}
