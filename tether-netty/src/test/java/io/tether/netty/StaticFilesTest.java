package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tether.socketio.SocketIoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TetherServer server;

    @BeforeEach
    void start() {
        server = TetherServer.builder().port(0).socketIo(SocketIoServer.create())
                .file("/socket.io/socket.io.js", "classpath:/static-test/client.js")
                .staticFiles("/", "classpath:/static-test")
                .build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exactFileIsServedUnderTheEngineIoPathWithItsContentType() throws Exception {
        HttpResponse<String> response = get("/socket.io/socket.io.js");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("window.hello = \"tether\";\n");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/javascript; charset=UTF-8");
        assertThat(response.headers().firstValue("cache-control")).hasValue("public, max-age=0");
        assertThat(response.headers().firstValue("etag")).isPresent();
    }

    @Test
    void exactFileAnswers304WhenTheEtagMatches() throws Exception {
        String etag = get("/socket.io/socket.io.js").headers().firstValue("etag").orElseThrow();

        HttpResponse<String> again = get("/socket.io/socket.io.js", "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void engineIoStillAnswersBesideTheExactFile() throws Exception {
        HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling");

        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).startsWith("0{\"sid\":");
    }

    @Test
    void directoryIsServedByItsIndexPage() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("index page");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=UTF-8");
    }

    @Test
    void missingFileIs404() throws Exception {
        assertThat(get("/nothing-here.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void pathTraversalIsNotServed() throws Exception {
        assertThat(get("/../logback-test.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void aFileRouteToAMissingResourceIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> TetherServer.builder().file("/x.js", "classpath:/static-test/none.js"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none.js");
    }
}
