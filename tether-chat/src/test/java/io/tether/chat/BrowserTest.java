package io.tether.chat;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat's two pages in headless Chromium: Debian's {@code /usr/bin/chromium}, driven by {@code playwright-core}
 * ({@code src/test/js/browser.js}, run under Node by {@link NodeClient}; no browser is downloaded). The chat server
 * runs in this JVM on a free port.
 *
 * <ul>
 * <li>{@code /console}: every form of the original test page; the {@code #log} lines, exactly, then
 *     {@code Disconnected}.
 * <li>{@code /}: Alice on a desktop and Bob on a phone-width screen (390x844), each in its own browser context:
 *     names, both online, a room Alice creates and Bob sees with its member count and joins, messages in the room
 *     and to everyone (author, text, time), and Bob's connection cut and restored.
 * </ul>
 *
 * <p>Screenshots go to {@code target/screenshots/}. With {@code -Dtether.docs.screenshot=true} the test also copies
 * {@code chat-desktop.png} to the repository's {@code docs/chat.png} (the picture in the README).
 *
 * <p>Chromium missing is a failure that says how to install it, never a skip.
 */
class BrowserTest {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final String ROOM = "tether-team";
    private static final String TIME = "\\d{1,2}:\\d{2}( [AP]M)?";

    private ChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void consoleFormsAndAConversationInTheChatUi() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM))
                .withFailMessage("the browser tests need Debian's Chromium at %s: install it with "
                        + "'apt-get install -y chromium' (.ci/run does); no browser is downloaded", CHROMIUM)
                .isTrue();
        Path target = Paths.get(System.getProperty("basedir", "."), "target").toAbsolutePath().normalize();
        Path screenshots = fresh(target.resolve("screenshots"));
        // Playwright gives the browser a new profile (user-data-dir) under the temporary directory: this one
        Path tmp = fresh(target.resolve("browser-tmp"));
        server = ChatServer.start(ChatSettings.builder().host("127.0.0.1").port(0).logFormat("none").build(),
                MessageLog.off());

        NodeResult result;
        try (NodeClient.NodeProcess browser = NodeClient.start("browser.js", server.port(),
                Map.of("TMPDIR", tmp.toString()), screenshots.toString())) {
            result = browser.await(RUN_TIMEOUT).assertSuccess();
        }

        // 1. /console: every form, the log exactly as the original page writes it
        assertThat(result.event("console-log").get("lines")).extracting(JsonNode::asText).containsExactly(
                "Received: Connected",
                "Received: I'm connected!",
                "Received: Username is set to Ada !",
                "Received: hello echo",
                "Received: [Ada] hello everyone",
                "Received: Entered room: lobby",
                "Received: [Ada] hello lobby",
                "Received: Ada left room: lobby",
                // a message to the room after leaving it reached nobody: the next line is the echo's
                "Received: still here",
                "Received: Entered room: lobby",
                "Received: Room lobby is closing.",
                // nor after the room closed
                "Received: last echo",
                "Disconnected");

        // 2. the chat UI: both online, by name
        Map<String, JsonNode> users = byPage(result.events("users"));
        assertThat(users.get("alice").toString()).isEqualTo("[\"Alice\",\"Bob\"]");
        assertThat(users.get("bob").toString()).isEqualTo("[\"Alice\",\"Bob\"]");

        // what each page shows, author and text, its own messages marked
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (JsonNode messages : result.events("messages")) {
            List<String> lines = new ArrayList<>();
            for (JsonNode m : messages.get("messages")) {
                assertThat(m.get("time").asText()).matches(TIME);
                lines.add((m.get("mine").asBoolean() ? "* " : "") + m.get("author").asText() + ": "
                        + m.get("text").asText() + " [" + m.get("room").asText() + "]");
            }
            shown.put(messages.get("page").asText() + " " + messages.get("channel").asText(), lines);
        }
        assertThat(shown.get("alice everyone")).containsExactly(
                "* Alice: Hello everyone! Tether chat is live. []",
                "Bob: Hi all, from my phone. []");
        assertThat(shown.get("bob everyone")).containsExactly(
                "Alice: Hello everyone! Tether chat is live. []",
                "* Bob: Hi all, from my phone. []");
        assertThat(shown.get("alice " + ROOM)).containsExactly(
                "* Alice: Hi Bob, welcome to the team room! [" + ROOM + "]",
                "Bob: Thanks Alice. Glad to be here. [" + ROOM + "]",
                "* Alice: The release notes are ready for review. [" + ROOM + "]",
                "Bob: Great, I'll read them on the train. [" + ROOM + "]");
        assertThat(shown.get("bob " + ROOM)).containsExactly(
                "Alice: Hi Bob, welcome to the team room! [" + ROOM + "]",
                "* Bob: Thanks Alice. Glad to be here. [" + ROOM + "]",
                "Alice: The release notes are ready for review. [" + ROOM + "]",
                "* Bob: Great, I'll read them on the train. [" + ROOM + "]");

        // a cut connection shows as reconnecting, then comes back as a new socket with the name and the room
        JsonNode reconnected = result.event("reconnected");
        assertThat(reconnected.get("status").asText()).isEqualTo("Reconnecting…");
        assertThat(reconnected.get("newSocket").asBoolean()).isTrue();
        assertThat(reconnected.get("bobStatus").asText()).isEqualTo("Connected");

        // the screenshots, at the sizes asked (the phone at 2 device pixels per CSS pixel)
        Map<String, int[]> sizes = new LinkedHashMap<>();
        sizes.put("console-desktop.png", new int[] {1280, 800});
        sizes.put("console-phone.png", new int[] {390, -844});   // the full page: at least the screen's height
        sizes.put("chat-name-desktop.png", new int[] {1280, 800});
        sizes.put("chat-phone-drawer.png", new int[] {780, 1688});
        sizes.put("chat-desktop.png", new int[] {1280, 800});
        sizes.put("chat-phone.png", new int[] {780, 1688});
        sizes.put("chat-desktop-bob.png", new int[] {2560, 1600});
        assertThat(result.events("screenshot")).extracting(s -> s.get("file").asText())
                .containsExactlyInAnyOrderElementsOf(sizes.keySet());
        for (Map.Entry<String, int[]> entry : sizes.entrySet()) {
            BufferedImage image = ImageIO.read(screenshots.resolve(entry.getKey()).toFile());
            assertThat(image).as(entry.getKey() + " is a PNG").isNotNull();
            int[] size = entry.getValue();
            assertThat(image.getWidth()).as(entry.getKey() + " width").isEqualTo(size[0]);
            if (size[1] > 0) {
                assertThat(image.getHeight()).as(entry.getKey() + " height").isEqualTo(size[1]);
            } else {
                assertThat(image.getHeight()).as(entry.getKey() + " height").isGreaterThanOrEqualTo(-size[1]);
            }
        }
        if (Boolean.getBoolean("tether.docs.screenshot")) {
            Path docs = target.getParent().getParent().resolve("docs");
            Files.createDirectories(docs);
            Files.copy(screenshots.resolve("chat-desktop.png"), docs.resolve("chat.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        // every page closed with the browser: the server forgets them all
        await().atMost(Duration.ofSeconds(10)).until(() -> server.app().userCount() == 0);
    }

    private static Map<String, JsonNode> byPage(List<JsonNode> events) {
        Map<String, JsonNode> byPage = new LinkedHashMap<>();
        events.forEach(e -> byPage.put(e.get("page").asText(), e.get("users")));
        return byPage;
    }

    /** An empty directory at this path (what was there is deleted). */
    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return Files.createDirectories(dir);
    }
}
