package io.tether.conformance;

import io.tether.netty.TetherServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What both protocol suites start from: {@link ConformanceFixture} on a free port for the test class, the
 * suites' {@code fetch}, and the WebSockets a case opens, dropped after it.
 */
abstract class ProtocolSuiteFixture {
    static final SuiteFetch fetch = new SuiteFetch();
    static TetherServer server;
    static String URL;
    static String WS_URL;

    private final List<SuiteWebSocket> sockets = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFixture() {
        server = ConformanceFixture.start(0);
        URL = "http://localhost:" + server.port();
        WS_URL = URL.replace("http", "ws");
    }

    @AfterAll
    static void stopFixture() {
        if (server != null) {
            server.stop();
        }
    }

    @AfterEach
    void dropWebSockets() {
        sockets.forEach(SuiteWebSocket::abort);
    }

    /** {@code new WebSocket(url)}; dropped after the test. */
    SuiteWebSocket webSocket(String url) {
        SuiteWebSocket socket = SuiteWebSocket.connect(fetch.client(), url);
        sockets.add(socket);
        return socket;
    }
}
