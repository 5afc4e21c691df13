package io.tether.chat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tether chat}: runs the chat server until SIGTERM or Ctrl-C, which disconnect every client with
 * {@code server shutting down}.
 */
@Command(name = "chat",
        description = {
            "Runs the chat: the chat UI at /, the python-socketio example's test page at /console, Socket.IO at "
                    + "/socket.io/.",
            "",
            "Each setting comes from its flag, else its environment variable, else the properties file "
                    + "(--config, else TETHER_CONFIG, else ./tether.properties when present), else its default.",
        },
        mixinStandardHelpOptions = true,
        versionProvider = TetherCommand.Version.class,
        sortOptions = false,
        footerHeading = "%nProperties file keys:%n",
        footer = {
            "  host, port, cors-origin (comma-separated), allow-eio3 (true/false), log-format, redis",
            "",
            "Message log placeholders ({name} or %%(name)s):",
            "  {time} {addr} {sid} {name} {event} {data} {namespace} {transport}",
            "",
            "Exit codes: 1 the server could not start (e.g. the port is taken), 2 bad flags or settings; "
                    + "stopped by SIGTERM or Ctrl-C, it disconnects every client (server shutting down) and the "
                    + "JVM exits with 143 or 130.",
        })
public final class ChatCommand implements Callable<Integer> {
    /** The properties file read from the working directory when present. */
    public static final String DEFAULT_CONFIG = "tether.properties";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "[HOST:]PORT",
            description = "Where to listen, as django-socketio's runserver_socketio takes it: 8000, "
                    + "127.0.0.1:8000, [::1]:8000. Same as --host and --port.")
    private String address;

    @Option(names = "--host", paramLabel = "HOST",
            description = "The address to listen on (env TETHER_HOST). Default: every interface.")
    private String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "The port, 0 for any free one (env TETHER_PORT). Default: 8000.")
    private String port;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "An origin allowed to call cross-origin, * for any; repeatable "
                    + "(env TETHER_CORS_ORIGIN, comma-separated). Default: none, same origin only.")
    private List<String> corsOrigins;

    @Option(names = "--allow-eio3", negatable = true,
            description = "Accept Socket.IO v2 clients (Engine.IO 3) too (env TETHER_ALLOW_EIO3). Default: false.")
    private Boolean allowEio3;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "The line logged per client message, 'none' for no log (env TETHER_LOG_FORMAT). "
                    + "Default: '" + MessageLog.DEFAULT_FORMAT + "'.")
    private String logFormat;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Join the other chat nodes on this Redis, e.g. redis://127.0.0.1:6379: broadcasts and "
                    + "rooms span every node (env TETHER_REDIS). Default: none, a single node.")
    private String redis;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A properties file of settings (env TETHER_CONFIG). Default: ./" + DEFAULT_CONFIG
                    + " when present.")
    private Path config;

    private final Map<String, String> env;
    private final Path workingDir;
    private final Consumer<Runnable> shutdownHooks;
    private final Clock clock;

    /**
     * A command reading this environment and this working directory's {@code tether.properties}, registering
     * its graceful stop with {@code shutdownHooks} (the JVM's shutdown hooks in {@link TetherCommand#main}).
     */
    public ChatCommand(Map<String, String> env, Path workingDir, Consumer<Runnable> shutdownHooks, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() throws InterruptedException {
        ChatSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MessageLog messageLog = MessageLog.of(settings.logFormat(), line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }, clock);
        ChatServer server;
        String clientVersion;
        try {
            clientVersion = ClientScripts.load().version();
            server = ChatServer.start(settings, messageLog);
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        shutdownHooks.accept(() -> {
            try {
                server.stop();
                synchronized (out) {
                    out.println("Tether chat stopped");
                    out.flush();
                }
            } finally {
                stopped.countDown();
            }
        });
        synchronized (out) {
            out.println("Tether chat running at " + server.chatUrl() + " (test page at " + ChatServer.CONSOLE_PATH
                    + "; listening on " + server.listenAddress()
                    + ", socket.io client " + clientVersion + "; Ctrl-C to stop)");
            out.flush();
        }
        stopped.await();
        return 0;
    }

    /**
     * The settings from the flags, the environment and the properties file.
     *
     * @throws ParameterException for a bad value, naming where it came from
     */
    ChatSettings settings() {
        try {
            return ChatSettings.resolve(flagLayer(), ChatSettings.Layer.environment(env), fileLayer());
        } catch (ChatSettings.InvalidSetting e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private ChatSettings.Layer flagLayer() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (address != null) {
            if (host != null || port != null) {
                throw new ChatSettings.InvalidSetting("give the address either as [HOST:]PORT or with --host and "
                        + "--port, not both");
            }
            splitAddress(address, flags);
        }
        if (host != null) {
            flags.put("host", host);
        }
        if (port != null) {
            flags.put("port", port);
        }
        if (corsOrigins != null && !corsOrigins.isEmpty()) {
            flags.put("cors-origin", String.join(",", corsOrigins));
        }
        if (allowEio3 != null) {
            flags.put("allow-eio3", allowEio3.toString());
        }
        if (logFormat != null) {
            flags.put("log-format", logFormat);
        }
        if (redis != null) {
            flags.put("redis", redis);
        }
        return ChatSettings.Layer.flags(flags);
    }

    /** {@code 8000}, {@code host:8000} or {@code [v6]:8000}, as runserver_socketio takes it. */
    private static void splitAddress(String address, Map<String, String> flags) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            if (!address.chars().allMatch(Character::isDigit) || address.isEmpty()) {
                throw new ChatSettings.InvalidSetting("'" + address + "' is not [HOST:]PORT");
            }
            flags.put("port", address);
            return;
        }
        String h = address.substring(0, colon);
        String p = address.substring(colon + 1);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        } else if (h.contains(":")) {
            throw new ChatSettings.InvalidSetting("'" + address + "' is not [HOST:]PORT (write an IPv6 address "
                    + "in brackets: [::1]:8000)");
        }
        if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
            throw new ChatSettings.InvalidSetting("'" + address + "' is not [HOST:]PORT");
        }
        if (!h.isEmpty()) {
            flags.put("host", h);
        }
        flags.put("port", p);
    }

    private ChatSettings.Layer fileLayer() {
        Path file;
        String name;
        if (config != null) {
            file = workingDir.resolve(config);
            name = config.toString();
        } else if (env.get("TETHER_CONFIG") != null && !env.get("TETHER_CONFIG").isEmpty()) {
            name = env.get("TETHER_CONFIG");
            file = workingDir.resolve(name);
        } else {
            file = workingDir.resolve(DEFAULT_CONFIG);
            name = DEFAULT_CONFIG;
            if (!Files.exists(file)) {
                return ChatSettings.Layer.empty();
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ChatSettings.InvalidSetting(name + ": no such file");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ChatSettings.InvalidSetting(name + ": cannot read it: " + e.getMessage());
        }
        return ChatSettings.Layer.properties(properties, name);
    }
}
