package io.tether.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The official socket.io JavaScript client, served as Node's socket.io server serves it under
 * {@code /socket.io/}: the same eight files ({@code socket.io.js}, {@code socket.io.min.js},
 * {@code socket.io.msgpack.min.js}, {@code socket.io.esm.min.js} and their {@code .map}), with
 * {@code Cache-Control: public, max-age=0}, the client's version as a quoted ETag, 304 for a matching
 * {@code If-None-Match} (strong or weak), and gzip or deflate when the request accepts them.
 *
 * <p>The files are the unchanged {@code dist/} of the {@code socket.io-client} npm package at the version
 * that {@code src/main/js/package-lock.json} pins; the build installs it with {@code npm ci} and copies them
 * to {@value #RESOURCE_ROOT} in the jar.
 *
 * <p>{@link ChatServer} serves the files with {@code TetherServer.Builder.file}, which gives them a content
 * hash as ETag and no compression. {@link #respond} is the exact Node behaviour (the version as ETag, weak
 * match, gzip and deflate), ready for a tether-netty route that lets an application answer a request itself.
 *
 * <pre>{@code
 * ClientScripts scripts = ClientScripts.load();
 * ClientScripts.Response r = scripts.respond("GET", "socket.io.min.js", headers::get);   // null: not a client file
 * }</pre>
 */
public final class ClientScripts {
    /** Where the build puts the client's files on the classpath. */
    public static final String RESOURCE_ROOT = "io/tether/chat/web/";
    /** The file names Node serves under its Socket.IO path. */
    public static final List<String> FILES = List.of(
            "socket.io.js", "socket.io.js.map",
            "socket.io.min.js", "socket.io.min.js.map",
            "socket.io.msgpack.min.js", "socket.io.msgpack.min.js.map",
            "socket.io.esm.min.js", "socket.io.esm.min.js.map");

    /** An HTTP answer: status, headers and body (empty for 304 and HEAD). */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        /** A header by name, case-insensitively; null when absent. */
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private record Encoded(byte[] identity, byte[] gzip, byte[] deflate) { }

    private final String version;
    private final ClassLoader loader;
    private final Map<String, Encoded> cache = new ConcurrentHashMap<>();

    private ClientScripts(String version, ClassLoader loader) {
        this.version = version;
        this.loader = loader;
    }

    /** The client packaged with this module. */
    public static ClientScripts load() {
        return load(ClientScripts.class.getClassLoader());
    }

    /**
     * The client found under {@value #RESOURCE_ROOT} of a class loader.
     *
     * @throws IllegalStateException when the build did not put it there
     */
    public static ClientScripts load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + "package.json")) {
            if (in == null) {
                throw new IllegalStateException("the socket.io client is missing from the classpath ("
                        + RESOURCE_ROOT + "package.json): build tether-chat with Maven, which installs it with npm");
            }
            String version = new ObjectMapper().readTree(in).path("version").asText("");
            if (version.isEmpty()) {
                throw new IllegalStateException(RESOURCE_ROOT + "package.json has no version");
            }
            return new ClientScripts(version, loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the socket.io client's package.json", e);
        }
    }

    /** The client's version, e.g. {@code 4.8.4}. */
    public String version() {
        return version;
    }

    /** The ETag of every file: the version, quoted. */
    public String etag() {
        return '"' + version + '"';
    }

    /**
     * The answer to a request for a file, or null when {@code fileName} is not one of {@link #FILES} or the
     * method is neither GET nor HEAD.
     *
     * @param method the HTTP method
     * @param fileName the name after {@code /socket.io/}, without query string
     * @param headers the request's headers by name (any case the caller supports; null when absent)
     */
    public Response respond(String method, String fileName, Function<String, String> headers) {
        boolean head = "HEAD".equalsIgnoreCase(method);
        if (!head && !"GET".equalsIgnoreCase(method) || !FILES.contains(fileName)) {
            return null;
        }
        String ifNoneMatch = headers.apply("if-none-match");
        if (ifNoneMatch != null && matches(ifNoneMatch.strip())) {
            Map<String, String> notModified = new LinkedHashMap<>();
            notModified.put("ETag", etag());
            notModified.put("Cache-Control", "public, max-age=0");
            return new Response(304, notModified, new byte[0]);
        }
        Encoded file = cache.computeIfAbsent(fileName, this::read);
        String encoding = chooseEncoding(headers.apply("accept-encoding"));
        byte[] body = switch (encoding) {
            case "gzip" -> file.gzip();
            case "deflate" -> file.deflate();
            default -> file.identity();
        };
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "public, max-age=0");
        h.put("Content-Type", "application/" + (fileName.endsWith(".map") ? "json" : "javascript")
                + "; charset=utf-8");
        h.put("ETag", etag());
        h.put("Vary", "Accept-Encoding");
        if (!encoding.equals("identity")) {
            h.put("Content-Encoding", encoding);
        }
        h.put("Content-Length", Integer.toString(body.length));
        return new Response(200, h, head ? new byte[0] : body);
    }

    private boolean matches(String ifNoneMatch) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals(etag()) || t.equals("W/" + etag()) || t.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** gzip, deflate or identity, by the request's {@code Accept-Encoding} (q-values honoured, gzip first). */
    static String chooseEncoding(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return "identity";
        }
        Double gzip = null;
        Double deflate = null;
        Double any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (coding) {
                case "gzip", "x-gzip" -> gzip = q;
                case "deflate" -> deflate = q;
                case "*" -> any = q;
                default -> { }
            }
        }
        double g = gzip != null ? gzip : any != null ? any : 0;
        double d = deflate != null ? deflate : any != null ? any : 0;
        if (g > 0 && g >= d) {
            return "gzip";
        }
        return d > 0 ? "deflate" : "identity";
    }

    private Encoded read(String fileName) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + fileName)) {
            if (in == null) {
                throw new IllegalStateException("the socket.io client file " + fileName + " is missing from the "
                        + "classpath (" + RESOURCE_ROOT + ")");
            }
            byte[] identity = in.readAllBytes();
            ByteArrayOutputStream gz = new ByteArrayOutputStream(identity.length / 3);
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(identity);
            }
            ByteArrayOutputStream df = new ByteArrayOutputStream(identity.length / 3);
            try (DeflaterOutputStream out = new DeflaterOutputStream(df)) {
                out.write(identity);
            }
            return new Encoded(identity, gz.toByteArray(), df.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the socket.io client file " + fileName, e);
        }
    }
}
