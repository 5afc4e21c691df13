package io.tether.chat;

import io.tether.testkit.NodeClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.testkit.NodeClient.NodeProcess;
import io.tether.testkit.NodeClient.NodeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code tether chat} run in-process with picocli's {@code execute}, its environment and working directory
 * injected and its output captured: where each setting comes from (flag over environment over properties
 * file over default), one-line errors and their exit codes, and a whole run from start to graceful stop.
 */
class ChatCommandTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) { }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TetherCommand.commandLine(env, dir, hook -> { }, Clock.systemDefaultZone());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The settings the chat command resolves from these flags and this environment, without starting. */
    private ChatSettings settings(Map<String, String> env, String... args) {
        CommandLine cli = TetherCommand.commandLine(env, dir, hook -> { }, Clock.systemDefaultZone());
        ParseResult parsed = cli.parseArgs(args);
        ChatCommand chat = (ChatCommand) parsed.subcommand().commandSpec().userObject();
        return chat.settings();
    }

    private void writeProperties(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    // ---- where settings come from ----

    @Test
    void defaultsWithoutFlagsEnvironmentOrFile() {
        assertThat(settings(Map.of(), "chat")).isEqualTo(ChatSettings.defaults());
        assertThat(ChatSettings.defaults().port()).isEqualTo(8000);
        assertThat(ChatSettings.defaults().host()).isEmpty();
    }

    @Test
    void flags() {
        ChatSettings s = settings(Map.of(), "chat", "--host", "127.0.0.1", "--port", "9001",
                "--cors-origin", "http://a.example", "--cors-origin", "http://b.example", "--allow-eio3",
                "--log-format", "{event} {data}");
        assertThat(s).isEqualTo(ChatSettings.builder().host("127.0.0.1").port(9001)
                .corsOrigins(List.of("http://a.example", "http://b.example")).allowEio3(true)
                .logFormat("{event} {data}").build());
    }

    @Test
    void addressAsRunserverSocketioTakesIt() {
        assertThat(settings(Map.of(), "chat", "9002").port()).isEqualTo(9002);
        ChatSettings hostAndPort = settings(Map.of(), "chat", "127.0.0.1:9003");
        assertThat(hostAndPort.host()).contains("127.0.0.1");
        assertThat(hostAndPort.port()).isEqualTo(9003);
        ChatSettings v6 = settings(Map.of(), "chat", "[::1]:9004");
        assertThat(v6.host()).contains("::1");
        assertThat(v6.port()).isEqualTo(9004);
    }

    @Test
    void environment() {
        ChatSettings s = settings(Map.of("TETHER_HOST", "127.0.0.2", "TETHER_PORT", "9005",
                "TETHER_CORS_ORIGIN", "http://a.example, http://b.example", "TETHER_ALLOW_EIO3", "true",
                "TETHER_LOG_FORMAT", "none"), "chat");
        assertThat(s).isEqualTo(ChatSettings.builder().host("127.0.0.2").port(9005)
                .corsOrigins(List.of("http://a.example", "http://b.example")).allowEio3(true).logFormat("none")
                .build());
    }

    @Test
    void emptyEnvironmentVariablesCountAsUnset() {
        assertThat(settings(Map.of("TETHER_PORT", "", "TETHER_HOST", ""), "chat")).isEqualTo(ChatSettings.defaults());
    }

    @Test
    void propertiesFileInTheWorkingDirectory() throws IOException {
        writeProperties("tether.properties", "host=127.0.0.3", "port=9006", "cors-origin=*", "allow-eio3=yes",
                "log-format=%(sid)s %(event)s");
        assertThat(settings(Map.of(), "chat")).isEqualTo(
                ChatSettings.builder().host("127.0.0.3").port(9006).corsOrigins(List.of("*")).allowEio3(true)
                        .logFormat("%(sid)s %(event)s").build());
    }

    @Test
    void propertiesFileNamedByConfigOrTetherConfig() throws IOException {
        writeProperties("tether.properties", "port=1111");
        writeProperties("other.properties", "port=2222");
        writeProperties("third.properties", "port=3333");
        assertThat(settings(Map.of(), "chat").port()).isEqualTo(1111);
        assertThat(settings(Map.of("TETHER_CONFIG", "third.properties"), "chat").port()).isEqualTo(3333);
        assertThat(settings(Map.of("TETHER_CONFIG", "third.properties"), "chat", "--config", "other.properties")
                .port()).isEqualTo(2222);
        assertThat(settings(Map.of(), "chat", "-c", dir.resolve("other.properties").toString()).port())
                .isEqualTo(2222);
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFile() throws IOException {
        writeProperties("tether.properties", "port=1111", "host=127.0.0.1", "allow-eio3=true",
                "log-format={sid}", "cors-origin=http://file.example");
        Map<String, String> env = Map.of("TETHER_PORT", "2222", "TETHER_CORS_ORIGIN", "http://env.example");

        ChatSettings fromAll = settings(env, "chat", "--port", "3333", "--no-allow-eio3");
        assertThat(fromAll.port()).isEqualTo(3333);                                  // flag over env and file
        assertThat(fromAll.allowEio3()).isFalse();                                   // --no-... over the file
        assertThat(fromAll.corsOrigins()).containsExactly("http://env.example");     // env over file
        assertThat(fromAll.host()).contains("127.0.0.1");                           // file over default
        assertThat(fromAll.logFormat()).isEqualTo("{sid}");

        assertThat(settings(env, "chat").port()).isEqualTo(2222);
        assertThat(settings(Map.of(), "chat").port()).isEqualTo(1111);
        assertThat(settings(Map.of(), "chat", "--cors-origin", "http://flag.example").corsOrigins())
                .containsExactly("http://flag.example");
    }

    @Test
    void redisFromFlagEnvironmentOrFile() throws IOException {
        assertThat(settings(Map.of(), "chat").redis()).isEmpty();
        writeProperties("tether.properties", "redis=redis://file.example:6379");
        Map<String, String> env = Map.of("TETHER_REDIS", "redis://env.example:6379");
        assertThat(settings(Map.of(), "chat").redis()).contains("redis://file.example:6379");
        assertThat(settings(env, "chat").redis()).contains("redis://env.example:6379");
        assertThat(settings(env, "chat", "--redis", "redis://127.0.0.1:6380").redis())
                .contains("redis://127.0.0.1:6380");
    }

    @Test
    void badRedisUriNamesWhereItCameFrom() {
        assertOneLineUsageError(run(Map.of(), "chat", "--redis", "localhost:6379"),
                "tether chat: --redis localhost:6379: not a Redis URI (redis://host:port) "
                        + "(see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of("TETHER_REDIS", "http://x:6379"), "chat"),
                "tether chat: TETHER_REDIS=http://x:6379: not a Redis URI (redis://host:port) "
                        + "(see 'tether chat --help')");
    }

    // ---- errors: one line, exit 2 for bad input, 1 when the server cannot start ----

    @Test
    void unknownFlagIsOneLineAndExitCode2() {
        Run r = run(Map.of(), "chat", "--prot", "8000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "tether chat: Unknown option: '--prot' (see 'tether chat --help')");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingCommandIsOneLineAndExitCode2() {
        Run r = run(Map.of());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "tether: missing a command, e.g. 'tether chat' (see 'tether --help')");
    }

    @Test
    void badValuesNameWhereTheyCameFrom() throws IOException {
        assertOneLineUsageError(run(Map.of(), "chat", "--port", "http"),
                "tether chat: --port http: not a port number (0 to 65535) (see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of(), "chat", "--port", "70000"),
                "tether chat: --port 70000: not a port number (0 to 65535) (see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of("TETHER_PORT", "abc"), "chat"),
                "tether chat: TETHER_PORT=abc: not a port number (0 to 65535) (see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of("TETHER_ALLOW_EIO3", "maybe"), "chat"),
                "tether chat: TETHER_ALLOW_EIO3=maybe: not a boolean (true or false) (see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of(), "chat", "--log-format", "{sid} {user}"),
                "tether chat: --log-format {sid} {user}: unknown placeholder {user} in the message log format "
                        + "(known: {time} {addr} {sid} {name} {event} {data} {namespace} {transport}) "
                        + "(see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of(), "chat", "--port", "1", "127.0.0.1:2"),
                "tether chat: give the address either as [HOST:]PORT or with --host and --port, not both "
                        + "(see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of(), "chat", "localhost"),
                "tether chat: 'localhost' is not [HOST:]PORT (see 'tether chat --help')");
        assertOneLineUsageError(run(Map.of(), "chat", "--config", "absent.properties"),
                "tether chat: absent.properties: no such file (see 'tether chat --help')");

        writeProperties("tether.properties", "prot=8000");
        assertOneLineUsageError(run(Map.of(), "chat"),
                "tether chat: tether.properties: unknown setting 'prot' (known: host, port, cors-origin, allow-eio3, "
                        + "log-format, redis) (see 'tether chat --help')");
        writeProperties("tether.properties", "port=eighty");
        assertOneLineUsageError(run(Map.of(), "chat"),
                "tether chat: tether.properties: port=eighty: not a port number (0 to 65535) "
                        + "(see 'tether chat --help')");
    }

    private static void assertOneLineUsageError(Run r, String line) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.toString()).containsExactly(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void takenPortIsOneLineAndExitCode1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run r = run(Map.of(), "chat", "--host", "127.0.0.1", "--port", Integer.toString(port));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("tether chat: cannot listen on 127.0.0.1:" + port + ": ")
                    .contains("Address already in use");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void helpAndVersion() {
        Run help = run(Map.of(), "chat", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--host", "--port", "--cors-origin", "--[no-]allow-eio3", "--log-format",
                "--config", "TETHER_PORT", "[HOST:]PORT", "%(name)s");
        Run version = run(Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("tether ").contains("socket.io client 4.");
    }

    // ---- a whole run ----

    @Test
    void runsUntilTheShutdownHookThenStopsGracefully() throws Exception {
        List<Runnable> hooks = new CopyOnWriteArrayList<>();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TetherCommand.commandLine(Map.of("TETHER_PORT", "0"), dir, hooks::add,
                Clock.systemDefaultZone());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("chat", "--host", "127.0.0.1", "--log-format", "{event} {data}"));

        Pattern startup = Pattern.compile(
                "Tether chat running at (http://127\\.0\\.0\\.1:(\\d+))/ \\(test page at /console; listening on "
                        + "127\\.0\\.0\\.1:\\d+, "
                        + "socket\\.io client 4\\.[0-9.]+; Ctrl-C to stop\\)");
        Matcher started = await().atMost(TIMEOUT).until(() -> startup.matcher(out.toString().strip()),
                m -> m.find());
        String consoleUrl = started.group(1) + "/console";
        int port = Integer.parseInt(started.group(2));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(consoleUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"log\"");

        try (NodeProcess client = NodeClient.start("hold.js", port, "websocket")) {
            await().atMost(TIMEOUT).until(() -> client.linesSoFar().stream().anyMatch(l -> l.contains("\"ready\"")));
            assertThat(hooks).hasSize(1);
            assertThat(exit).isNotDone();

            hooks.get(0).run();   // what SIGTERM or Ctrl-C does

            assertThat(exit.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isZero();
            NodeResult result = client.await(TIMEOUT).assertSuccess();
            JsonNode disconnect = result.event("disconnect");
            assertThat(disconnect.get("reason").asText()).isEqualTo("transport close");
        }
        assertThat(out.toString().lines().toList())
                .contains("connect ", "disconnect server shutting down")
                .endsWith("Tether chat stopped");
        assertThat(err.toString()).isEmpty();
        // the port is free again
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
