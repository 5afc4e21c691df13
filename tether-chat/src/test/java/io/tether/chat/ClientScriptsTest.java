package io.tether.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** {@link ClientScripts#respond}: the client files with Node's headers, revalidation and compression. */
class ClientScriptsTest {
    private final ClientScripts scripts = ClientScripts.load();

    private static java.util.function.Function<String, String> headers(String... nameValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i].toLowerCase(java.util.Locale.ROOT), nameValues[i + 1]);
        }
        return map::get;
    }

    private byte[] original(String file) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ClientScripts.RESOURCE_ROOT + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void servesAsNodeDoes() throws IOException {
        ClientScripts.Response r = scripts.respond("GET", "socket.io.js", headers());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/javascript; charset=utf-8");
        assertThat(r.header("cache-control")).isEqualTo("public, max-age=0");
        assertThat(r.header("etag")).isEqualTo("\"" + scripts.version() + "\"");
        assertThat(r.header("content-encoding")).isNull();
        assertThat(r.body()).isEqualTo(original("socket.io.js"));
        assertThat(r.header("content-length")).isEqualTo(Integer.toString(r.body().length));

        ClientScripts.Response map = scripts.respond("GET", "socket.io.min.js.map", headers());
        assertThat(map.header("content-type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void versionIsAFourDotRelease() {
        assertThat(scripts.version()).matches("4\\.\\d+\\.\\d+");
        assertThat(scripts.etag()).isEqualTo("\"" + scripts.version() + "\"");
    }

    @Test
    void matchingIfNoneMatchGives304StrongOrWeak() {
        for (String tag : new String[] {scripts.etag(), "W/" + scripts.etag(), "\"0.0.0\", " + scripts.etag()}) {
            ClientScripts.Response r = scripts.respond("GET", "socket.io.min.js", headers("If-None-Match", tag));
            assertThat(r.status()).as(tag).isEqualTo(304);
            assertThat(r.body()).isEmpty();
        }
        assertThat(scripts.respond("GET", "socket.io.min.js", headers("If-None-Match", "\"4.0.0\"")).status())
                .isEqualTo(200);
    }

    @Test
    void gzipAndDeflateWhenAccepted() throws IOException {
        byte[] original = original("socket.io.min.js");
        ClientScripts.Response gzip = scripts.respond("GET", "socket.io.min.js",
                headers("Accept-Encoding", "gzip, deflate, br"));
        assertThat(gzip.header("content-encoding")).isEqualTo("gzip");
        assertThat(gzip.body().length).isLessThan(original.length);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(original);

        ClientScripts.Response deflate = scripts.respond("GET", "socket.io.min.js",
                headers("Accept-Encoding", "deflate"));
        assertThat(deflate.header("content-encoding")).isEqualTo("deflate");
        assertThat(new InflaterInputStream(new ByteArrayInputStream(deflate.body())).readAllBytes())
                .isEqualTo(original);
    }

    @Test
    void encodingChoiceHonoursQValues() {
        assertThat(ClientScripts.chooseEncoding(null)).isEqualTo("identity");
        assertThat(ClientScripts.chooseEncoding("br")).isEqualTo("identity");
        assertThat(ClientScripts.chooseEncoding("gzip;q=0, deflate")).isEqualTo("deflate");
        assertThat(ClientScripts.chooseEncoding("gzip;q=0.5, deflate;q=0.8")).isEqualTo("deflate");
        assertThat(ClientScripts.chooseEncoding("*")).isEqualTo("gzip");
        assertThat(ClientScripts.chooseEncoding("*;q=0")).isEqualTo("identity");
        assertThat(ClientScripts.chooseEncoding("identity")).isEqualTo("identity");
    }

    @Test
    void headHasTheHeadersWithoutTheBody() {
        ClientScripts.Response r = scripts.respond("HEAD", "socket.io.js", headers());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(Integer.parseInt(r.header("content-length"))).isGreaterThan(10_000);
    }

    @Test
    void otherFilesAndMethodsAreNotOurs() {
        assertThat(scripts.respond("GET", "socket.io.slim.js", headers())).isNull();
        assertThat(scripts.respond("GET", "package.json", headers())).isNull();
        assertThat(scripts.respond("GET", "index.html", headers())).isNull();
        assertThat(scripts.respond("POST", "socket.io.js", headers())).isNull();
    }

    @Test
    void missingClientSaysHowToGetIt() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> ClientScripts.load(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("build tether-chat with Maven");
        }
    }
}
