package io.tether.chat;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the chat serves over plain HTTP: the test page at {@code /console}, and the official socket.io client
 * under {@code /socket.io/} as Node's server serves it, while the Engine.IO endpoint there keeps working.
 */
class ChatHttpTest {
    private static ChatServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = ChatServer.start(ChatSettings.builder().host("127.0.0.1").port(0).logFormat("none").build(),
                MessageLog.off());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- the test page ----

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/"})
    void consolePageHasTheOriginalFormsAndLog(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWithIgnoringCase("text/html"));
        String page = text(response);
        for (String form : List.of("username", "emit", "broadcast", "join", "leave", "send_room", "close",
                "disconnect")) {
            assertThat(page).contains("<form id=\"" + form + "\"");
        }
        for (String input : List.of("name_data", "emit_data", "broadcast_data", "join_room", "leave_room",
                "room_name", "room_data", "close_room")) {
            assertThat(page).contains("id=\"" + input + "\"");
        }
        assertThat(page).contains("<p id=\"log\"></p>", "'Received: ' + msg.data", "'Disconnected'",
                "socket.emit('my_event', {data: 'I\\'m connected!'})");
        // offline: the only script it loads is the client this server serves; no jQuery
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(page);
        List<String> sources = src.results().map(m -> m.group(1)).toList();
        assertThat(sources).containsExactly("/socket.io/socket.io.min.js");
        assertThat(page).doesNotContain("$(", "jquery.");
    }

    // ---- the socket.io client ----

    @Test
    void clientScriptIsTheOfficialPackagesFileUnchanged() throws Exception {
        Path dist = NodeClient.ensureInstalled().resolve("node_modules/socket.io-client/dist");
        for (String file : List.of("socket.io.js", "socket.io.min.js")) {
            HttpResponse<byte[]> response = get("/socket.io/" + file);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(Files.readAllBytes(dist.resolve(file)));
            assertThat(response.headers().firstValue("content-type"))
                    .hasValueSatisfying(t -> assertThat(t).isEqualToIgnoringCase("application/javascript; charset=utf-8"));
            assertThat(response.headers().firstValue("cache-control")).hasValue("public, max-age=0");
            assertThat(response.headers().firstValue("etag")).isPresent();
        }
    }

    @Test
    void servedVersionIsTheOnePinnedByTheBuild() throws IOException {
        JsonNode lock = NodeClient.JSON.readTree(Paths.get(System.getProperty("basedir", "."), "src", "main", "js",
                "package-lock.json").toFile());
        String pinned = lock.path("packages").path("node_modules/socket.io-client").path("version").asText();
        assertThat(pinned).startsWith("4.");
        assertThat(ClientScripts.load().version()).isEqualTo(pinned);
        JsonNode testLock = NodeClient.JSON.readTree(NodeClient.scriptsDir().resolve("package-lock.json").toFile());
        assertThat(testLock.path("packages").path("node_modules/socket.io-client").path("version").asText())
                .as("the tests' client is the one served").isEqualTo(pinned);
    }

    @Test
    void everyFileNodeServesIsServed() throws Exception {
        for (String file : ClientScripts.FILES) {
            HttpResponse<byte[]> response = get("/socket.io/" + file);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.body()).as(file).isNotEmpty();
            String type = response.headers().firstValue("content-type").orElseThrow();
            assertThat(type).as(file).startsWith(file.endsWith(".map") ? "application/json" : "application/javascript");
        }
        assertThat(text(get("/socket.io/socket.io.js"))).startsWith("/*!\n * Socket.IO v" + ClientScripts.load().version());
    }

    @Test
    void revalidationWithTheEtagGives304() throws Exception {
        HttpResponse<byte[]> first = get("/socket.io/socket.io.js");
        String etag = first.headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> again = get("/socket.io/socket.io.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void queryStringIsIgnored() throws Exception {
        HttpResponse<byte[]> response = get("/socket.io/socket.io.min.js?v=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).startsWith("/*!");
    }

    @Test
    void engineIoEndpointStillAnswersBesideTheClientFiles() throws Exception {
        HttpResponse<byte[]> handshake = get("/socket.io/?EIO=4&transport=polling");
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(text(handshake)).startsWith("0{\"sid\":");
        // any other file name under /socket.io/ is the engine's, as in Node: a request without a transport
        HttpResponse<byte[]> other = get("/socket.io/socket.io.slim.js");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(text(other)).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    // ---- the chat UI ----

    @Test
    void chatUiIsServedAtTheRootWithItsFilesAndNothingFromElsewhere() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWithIgnoringCase("text/html"));
        String page = text(response);
        assertThat(page).contains("<title>Tether chat</title>", "name=\"viewport\"", "id=\"messages\"",
                "id=\"composer\"", "id=\"rooms\"", "id=\"users\"", "id=\"status\"", "id=\"name-dialog\"");
        // offline: every script, style and icon comes from this server
        Matcher ref = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        List<String> refs = ref.results().map(m -> m.group(1)).toList();
        assertThat(refs).containsExactlyInAnyOrder("/favicon.svg", "/chat.css", "/socket.io/socket.io.min.js",
                "/chat.js", "/favicon.svg", "/console", "/favicon.svg");
        assertThat(text(get("/chat.js"))).contains("chat:send", "chat:state", "chat:message")
                .doesNotContain("http://", "https://");
        assertThat(text(get("/chat.css"))).doesNotContain("@import", "url(");
        for (String[] file : new String[][] {{"/chat.css", "text/css"}, {"/chat.js", "application/javascript"},
                {"/favicon.svg", "image/svg+xml"}}) {
            HttpResponse<byte[]> served = get(file[0]);
            assertThat(served.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(served.headers().firstValue("content-type")).as(file[0])
                    .hasValueSatisfying(type -> assertThat(type).startsWith(file[1]));
        }
    }

    @Test
    void nothingElseIsServed() throws Exception {
        assertThat(get("/index.html").statusCode()).isEqualTo(404);
        assertThat(get("/app/chat.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/socket.io.js").statusCode()).isEqualTo(404);
        assertThat(get("/io/tether/chat/web/index.html").statusCode()).isEqualTo(404);
    }
}
