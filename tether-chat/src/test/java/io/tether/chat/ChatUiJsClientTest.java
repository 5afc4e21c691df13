package io.tether.chat;


import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat UI's events with official JavaScript socket.io clients under Node ({@code src/test/js/chat-ui.js}):
 * two clients use {@code chat:name}, {@code chat:join}, {@code chat:leave} and {@code chat:send}, a third the
 * original example's events, and the test checks the acknowledgements, who received which {@code chat:message}
 * and {@code my_response}, and the {@code chat:state} pushed after each change.
 */
class ChatUiJsClientTest extends ChatScriptTestSupport {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"websocket", "polling", "default"})
    void chatUiEventsReachExactlyWhomTheyShould(String mode) {
        startServer();
        Instant before = Instant.now().minusSeconds(1);

        NodeResult result = runScript("chat-ui.js", mode);

        Instant after = Instant.now().plusSeconds(1);
        JsonNode ids = result.event("ids");
        String a = ids.get("a").asText();
        String b = ids.get("b").asText();
        String c = ids.get("c").asText();
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        result.events("step").forEach(step -> steps.put(step.get("step").asText(), step));
        Map<String, JsonNode> states = new LinkedHashMap<>();
        result.events("state").forEach(state -> states.put(state.get("step").asText(), state.get("state")));

        // everyone connected gets the state; a user without a name shows as its socket id, users by name
        assertThat(states.get("connected").get("users")).hasSize(3);
        assertThat(states.get("connected").get("rooms")).isEmpty();
        for (JsonNode user : states.get("connected").get("users")) {
            assertThat(user.get("name").asText()).isEqualTo(user.get("id").asText());
            assertThat(user.get("rooms")).isEmpty();
        }

        // chat:name: trimmed, acknowledged, in the state; nobody is told otherwise
        assertThat(ack(steps, "a-names-itself")).isEqualTo("{\"ok\":true,\"name\":\"alice\"}");
        assertThat(ack(steps, "b-names-itself-padded")).isEqualTo("{\"ok\":true,\"name\":\"bob\"}");
        assertNothingReceived(steps, "a-names-itself", "b-names-itself-padded");
        assertThat(users(states.get("named"))).isEqualTo(Map.of(a, "alice []", b, "bob []", c, c + " []"));
        assertThat(ack(steps, "name-empty")).isEqualTo("{\"ok\":false,\"error\":\"the name is empty\"}");
        assertThat(ack(steps, "name-too-long"))
                .isEqualTo("{\"ok\":false,\"error\":\"the name is longer than 32 characters\"}");
        assertThat(ack(steps, "name-not-text")).isEqualTo("{\"ok\":false,\"error\":\"the name must be text\"}");
        assertThat(ack(steps, "name-control"))
                .isEqualTo("{\"ok\":false,\"error\":\"the name has control characters\"}");
        assertThat(steps.get("name-payload-not-object").get("ack").get("error").asText())
                .startsWith("invalid payload for \"chat:name\"");
        assertNothingReceived(steps, "name-empty", "name-too-long", "name-not-text", "name-control",
                "name-payload-not-object");

        // chat:join: as join, "Entered room" to the room; the state counts the members
        assertThat(ack(steps, "a-joins-r1")).isEqualTo("{\"ok\":true,\"room\":\"r1\"}");
        assertThat(received(steps, "a-joins-r1", "a")).isEqualTo(responses("Entered room: r1"));
        assertThat(received(steps, "a-joins-r1", "b")).isEqualTo(nothing());
        assertThat(states.get("a-in-r1").get("rooms").toString()).isEqualTo("[{\"name\":\"r1\",\"members\":1}]");
        assertThat(ack(steps, "b-joins-r1-padded")).isEqualTo("{\"ok\":true,\"room\":\"r1\"}");
        assertThat(received(steps, "b-joins-r1-padded", "a")).isEqualTo(responses("Entered room: r1"));
        assertThat(received(steps, "b-joins-r1-padded", "b")).isEqualTo(responses("Entered room: r1"));
        assertThat(received(steps, "b-joins-r1-padded", "c")).isEqualTo(nothing());
        assertThat(users(states.get("a-and-b-in-r1")))
                .isEqualTo(Map.of(a, "alice [\"r1\"]", b, "bob [\"r1\"]", c, c + " []"));
        assertThat(states.get("a-and-b-in-r1").get("rooms").toString())
                .isEqualTo("[{\"name\":\"r1\",\"members\":2}]");
        assertThat(ack(steps, "join-empty")).isEqualTo("{\"ok\":false,\"error\":\"the room name is empty\"}");
        assertThat(ack(steps, "join-too-long"))
                .isEqualTo("{\"ok\":false,\"error\":\"the room name is longer than 40 characters\"}");
        assertThat(ack(steps, "join-private-room")).isEqualTo("{\"ok\":false,\"error\":\"that room is private\"}");
        assertNothingReceived(steps, "join-empty", "join-too-long", "join-private-room");

        // chat:send to a room: chat:message and the original's text to its members only
        JsonNode toRoom = steps.get("a-sends-to-r1");
        String time = toRoom.get("ack").get("time").asText();
        assertThat(toRoom.get("ack").get("ok").asBoolean()).isTrue();
        assertThat(Instant.parse(time)).isBetween(before, after);
        String roomMessage = "{\"room\":\"r1\",\"author\":\"alice\",\"from\":\"" + a + "\",\"text\":\"hello room\","
                + "\"time\":\"" + time + "\"}";
        assertThat(received(steps, "a-sends-to-r1", "a")).isEqualTo(both(roomMessage, "[alice] hello room"));
        assertThat(received(steps, "a-sends-to-r1", "b")).isEqualTo(both(roomMessage, "[alice] hello room"));
        assertThat(received(steps, "a-sends-to-r1", "c")).isEqualTo(nothing());

        // chat:send to everyone (room null or absent): everyone, the /console user included
        for (String step : List.of("b-sends-to-everyone", "b-sends-without-room")) {
            String text = step.equals("b-sends-to-everyone") ? "hi all" : "no room field";
            String t = steps.get(step).get("ack").get("time").asText();
            String message = "{\"room\":null,\"author\":\"bob\",\"from\":\"" + b + "\",\"text\":\"" + text + "\","
                    + "\"time\":\"" + t + "\"}";
            for (String client : List.of("a", "b", "c")) {
                assertThat(received(steps, step, client)).as(step + " " + client)
                        .isEqualTo(both(message, "[bob] " + text));
            }
        }
        assertThat(ack(steps, "c-sends-to-r1-not-member"))
                .isEqualTo("{\"ok\":false,\"error\":\"join the room r1 first\"}");
        assertThat(ack(steps, "send-empty")).isEqualTo("{\"ok\":false,\"error\":\"the message is empty\"}");
        assertThat(ack(steps, "send-too-long"))
                .isEqualTo("{\"ok\":false,\"error\":\"the message is longer than 2000 characters\"}");
        assertThat(ack(steps, "send-not-text")).isEqualTo("{\"ok\":false,\"error\":\"the text must be text\"}");
        assertNothingReceived(steps, "c-sends-to-r1-not-member", "send-empty", "send-too-long", "send-not-text");

        // the original's broadcast and room event: their texts unchanged, and a chat:message to the same people
        JsonNode classic = steps.get("c-broadcasts-classic").get("received");
        for (String client : List.of("a", "b", "c")) {
            JsonNode got = classic.get(client);
            assertThat(got.get("responses").toString()).isEqualTo("[\"[" + c + "] classic hello\"]");
            assertThat(got.get("messages")).hasSize(1);
            JsonNode message = got.get("messages").get(0);
            assertThat(message.get("room").isNull()).isTrue();
            assertThat(message.get("author").asText()).isEqualTo(c);
            assertThat(message.get("from").asText()).isEqualTo(c);
            assertThat(message.get("text").asText()).isEqualTo("classic hello");
            assertThat(Instant.parse(message.get("time").asText())).isBetween(before, after);
        }
        JsonNode knock = steps.get("c-room-event-classic").get("received");
        for (String client : List.of("a", "b")) {
            assertThat(knock.get(client).get("responses").toString()).isEqualTo("[\"[" + c + "] knock knock\"]");
            JsonNode message = knock.get(client).get("messages").get(0);
            assertThat(message.get("room").asText()).isEqualTo("r1");
            assertThat(message.get("text").asText()).isEqualTo("knock knock");
        }
        assertThat(knock.get("c").toString()).isEqualTo(nothing());
        // set_username and join change the state too
        assertThat(received(steps, "c-sets-name-classic", "c")).isEqualTo(responses("Username is set to carol !"));
        assertThat(users(states.get("c-named"))).containsEntry(c, "carol []");
        assertThat(names(states.get("c-named"))).containsExactly("alice", "bob", "carol");
        assertThat(states.get("c-in-r2").get("rooms").toString())
                .isEqualTo("[{\"name\":\"r1\",\"members\":2},{\"name\":\"r2\",\"members\":1}]");

        // chat:leave: as leave, the text to the sender only
        assertThat(ack(steps, "b-leaves-r1")).isEqualTo("{\"ok\":true,\"room\":\"r1\"}");
        assertThat(received(steps, "b-leaves-r1", "b")).isEqualTo(responses("bob left room: r1"));
        assertThat(received(steps, "b-leaves-r1", "a")).isEqualTo(nothing());
        assertThat(states.get("b-left-r1").get("rooms").toString())
                .isEqualTo("[{\"name\":\"r1\",\"members\":1},{\"name\":\"r2\",\"members\":1}]");
        // close_room empties the room: it leaves the state
        assertThat(received(steps, "c-closes-r1-classic", "a")).isEqualTo(responses("Room r1 is closing."));
        assertThat(states.get("r1-closed").get("rooms").toString()).isEqualTo("[{\"name\":\"r2\",\"members\":1}]");
        assertThat(users(states.get("r1-closed"))).isEqualTo(Map.of(a, "alice []", b, "bob []", c, "carol [\"r2\"]"));
        // a disconnected user leaves the state, with its rooms
        assertThat(states.get("c-gone").toString()).isEqualTo("{\"users\":[{\"id\":\"" + a + "\",\"name\":\"alice\","
                + "\"rooms\":[]},{\"id\":\"" + b + "\",\"name\":\"bob\",\"rooms\":[]}],\"rooms\":[]}");
    }

    private static String ack(Map<String, JsonNode> steps, String step) {
        return steps.get(step).get("ack").toString();
    }

    private static String received(Map<String, JsonNode> steps, String step, String client) {
        return steps.get(step).get("received").get(client).toString();
    }

    private static void assertNothingReceived(Map<String, JsonNode> steps, String... names) {
        for (String step : names) {
            for (String client : List.of("a", "b", "c")) {
                assertThat(received(steps, step, client)).as(step + " " + client).isEqualTo(nothing());
            }
        }
    }

    private static String nothing() {
        return "{\"messages\":[],\"responses\":[]}";
    }

    private static String responses(String text) {
        return "{\"messages\":[],\"responses\":[\"" + text + "\"]}";
    }

    private static String both(String message, String response) {
        return "{\"messages\":[" + message + "],\"responses\":[\"" + response + "\"]}";
    }

    /** A chat:state's users: id to "NAME ROOMS" (ROOMS as JSON). */
    private static Map<String, String> users(JsonNode state) {
        Map<String, String> users = new LinkedHashMap<>();
        state.get("users").forEach(u -> users.put(u.get("id").asText(),
                u.get("name").asText() + " " + u.get("rooms")));
        return users;
    }

    /** A chat:state's user names, in its order. */
    private static List<String> names(JsonNode state) {
        List<String> names = new java.util.ArrayList<>();
        state.get("users").forEach(u -> names.add(u.get("name").asText()));
        return names;
    }
}
