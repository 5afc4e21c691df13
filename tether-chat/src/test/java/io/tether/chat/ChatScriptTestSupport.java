package io.tether.chat;

import io.tether.testkit.NodeClient;
import io.tether.testkit.NodeClient.NodeResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** A chat server on a free loopback port for each test, stopped after it, and the Node scripts that drive it. */
abstract class ChatScriptTestSupport {
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    ChatServer server;

    /** Starts the chat server with this message log (and no file log of messages). */
    ChatServer startServer(String logFormat, MessageLog log) {
        server = ChatServer.start(ChatSettings.builder().host("127.0.0.1").port(0).logFormat(logFormat).build(), log);
        return server;
    }

    /** Starts the chat server with no message log. */
    ChatServer startServer() {
        return startServer("none", MessageLog.off());
    }

    /** Runs a script of {@code src/test/js} against the server with these arguments; it must succeed. */
    NodeResult runScript(String script, String... args) {
        return NodeClient.run(script, server.port(), RUN_TIMEOUT, args).assertSuccess();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }
}
