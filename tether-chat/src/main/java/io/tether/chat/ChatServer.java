package io.tether.chat;

import io.tether.engine.CorsOptions;
import io.tether.netty.TetherServer;
import io.tether.redis.RedisAdapter;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.util.Objects;

/**
 * The chat, served: Socket.IO at {@code /socket.io/} with {@link ChatApp}'s handlers, the chat UI at {@code /}
 * (with {@link #APP_FILES}), the test page at {@value #CONSOLE_PATH}, and the official socket.io JavaScript
 * client at {@code /socket.io/socket.io.js} (and the other files Node serves there, {@link ClientScripts#FILES}).
 *
 * <pre>{@code
 * ChatServer server = ChatServer.start(ChatSettings.builder().port(0).build(), MessageLog.off());
 * System.out.println(server.chatUrl());
 * server.stop();   // clients are told "server shutting down"
 * }</pre>
 */
public final class ChatServer {
    /** Where the test page is. */
    public static final String CONSOLE_PATH = "/console";
    /** Where the socket.io client files are, as in Node: under the Socket.IO path. */
    public static final String CLIENT_PATH = "/socket.io/";
    /** Where the chat UI's files are in the jar: {@code index.html} at {@code /}, the others at {@code /NAME}. */
    public static final String APP_ROOT = ClientScripts.RESOURCE_ROOT + "app/";
    /** The chat UI's files besides its page, each served at {@code /NAME}. */
    public static final java.util.List<String> APP_FILES = java.util.List.of("chat.css", "chat.js", "favicon.svg");

    private final TetherServer server;
    private final SocketIoServer io;
    private final ChatApp app;
    private final ChatSettings settings;

    private ChatServer(TetherServer server, SocketIoServer io, ChatApp app, ChatSettings settings) {
        this.server = server;
        this.io = io;
        this.app = app;
        this.settings = settings;
    }

    /**
     * Builds the server and starts listening.
     *
     * @throws IllegalStateException when the port cannot be bound (its message says why, e.g.
     *     {@code cannot listen on 0.0.0.0:8000: Address already in use})
     */
    public static ChatServer start(ChatSettings settings, MessageLog messageLog) {
        Objects.requireNonNull(settings, "settings");
        SocketIoOptions.Builder options = SocketIoOptions.builder().allowEIO3(settings.allowEio3());
        if (!settings.corsOrigins().isEmpty()) {
            options.cors(CorsOptions.origins(settings.corsOrigins()));
        }
        // closed with the last namespace adapter when the SocketIoServer closes
        settings.redis().ifPresent(uri -> options.adapter(RedisAdapter.factory(uri)));
        SocketIoServer io = SocketIoServer.create(options.build());
        ChatApp app = ChatApp.install(io, messageLog);
        TetherServer.Builder builder = TetherServer.builder()
                .port(settings.port())
                .socketIo(io)
                .file(CONSOLE_PATH, "classpath:/" + ClientScripts.RESOURCE_ROOT + "index.html")
                .file(CONSOLE_PATH + "/", "classpath:/" + ClientScripts.RESOURCE_ROOT + "index.html")
                .file("/", "classpath:/" + APP_ROOT + "index.html");
        for (String file : APP_FILES) {
            builder.file("/" + file, "classpath:/" + APP_ROOT + file);
        }
        for (String file : ClientScripts.FILES) {
            builder.file(CLIENT_PATH + file, "classpath:/" + ClientScripts.RESOURCE_ROOT + file);
        }
        settings.host().ifPresent(builder::host);
        TetherServer server;
        try {
            server = builder.build().start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new ChatServer(server, io, app, settings);
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** The Socket.IO server. */
    public SocketIoServer io() {
        return io;
    }

    /** The chat's state. */
    public ChatApp app() {
        return app;
    }

    /** The chat UI's URL ({@code http://host:port/}): on {@code localhost} when listening on every interface. */
    public String chatUrl() {
        return baseUrl() + "/";
    }

    /** The test page's URL: on {@code localhost} when listening on every interface. */
    public String consoleUrl() {
        return baseUrl() + CONSOLE_PATH;
    }

    /** {@code http://host:port}, with {@code localhost} for the wildcard address. */
    public String baseUrl() {
        String host = settings.host().orElse("");
        if (host.isBlank() || isWildcard(host)) {
            host = "localhost";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** What it listens on, e.g. {@code *:8000} or {@code 127.0.0.1:8000}. */
    public String listenAddress() {
        String host = settings.host().filter(h -> !h.isBlank()).orElse("*");
        return host + ":" + port();
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
    }

    /** Stops gracefully: every client is disconnected with {@code server shutting down}, then the port is freed. */
    public void stop() {
        try {
            server.stop();
        } finally {
            app.close();
        }
    }
}
