package io.tether.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tether.engine.AllowRequest;
import io.tether.engine.EngineCodec;
import io.tether.engine.EngineError;
import io.tether.engine.EngineOptions;
import io.tether.engine.EnginePacket;
import io.tether.engine.EnginePacketType;
import io.tether.engine.EngineProtocolException;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineServer;
import io.tether.engine.EngineSession;
import io.tether.engine.TransportType;
import io.tether.engine.spi.PollingTransport;
import io.tether.engine.spi.RequestError;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Engine.IO session state machine (handshake, heartbeat, polling, upgrade, close) and request
 * verification, driven on a manual clock so that every timer fires exactly when a test says so. The session is
 * driven as a network layer drives it, through the transport SPI ({@link io.tether.engine.spi}), and observed as
 * an application observes it, through {@link EngineSession}.
 */
class EngineSessionTest {
    private static final String RS = "\u001e";
    private static final long PING_INTERVAL = 1_000;
    private static final long PING_TIMEOUT = 500;
    private static final long UPGRADE_TIMEOUT = 300;
    private static final long CLOSE_TIMEOUT = 700;
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- test doubles ----

    /** A WebSocket-like transport that records what the session does with it. */
    static final class FakeWebSocket implements Transport {
        final List<EnginePacket> sent = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        boolean writable = true;
        boolean closed;

        @Override
        public TransportType type() {
            return TransportType.WEBSOCKET;
        }

        @Override
        public boolean writable() {
            return writable && !closed;
        }

        @Override
        public void send(List<EnginePacket> packets) {
            if (!writable()) {
                throw new IllegalStateException("send on a transport that is not writable");
            }
            sent.addAll(packets);
            for (EnginePacket p : packets) {
                events.add("send " + (p.isBinary() ? p.binary().length + " bytes" : EngineCodec.encodeText(p)));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                events.add("close");
            }
        }
    }

    /** One HTTP GET waiting for its answer. */
    static final class Poll implements PollingTransport.PollResponder {
        final List<String> payloads = new ArrayList<>();
        final List<byte[]> binaryPayloads = new ArrayList<>();

        @Override
        public void respond(String payload) {
            payloads.add(payload);
        }

        @Override
        public void respond(byte[] payload) {
            binaryPayloads.add(payload);
        }

        boolean answered() {
            return !payloads.isEmpty() || !binaryPayloads.isEmpty();
        }

        String payload() {
            assertThat(payloads).as("answers to one GET").hasSize(1);
            return payloads.get(0);
        }
    }

    /** One session as both sides see it: the network layer's {@link TransportSession}, the application's {@link EngineSession}. */
    static final class Session {
        final TransportSession transport;
        final EngineSession app;

        private Session(TransportSession transport, EngineSession app) {
            this.transport = transport;
            this.app = app;
        }

        static Session of(EngineServer engine, TransportSession transport) {
            EngineSession app = engine.session(transport.id());
            assertThat(app).as("application view of %s", transport.id()).isNotNull();
            return new Session(transport, app);
        }

        String id() {
            return app.id();
        }

        int protocol() {
            return app.protocol();
        }

        boolean isOpen() {
            return app.isOpen();
        }

        boolean upgraded() {
            return app.upgraded();
        }

        TransportType transportType() {
            return app.transportType();
        }

        void onMessage(Consumer<EnginePacket> listener) {
            app.onMessage(listener);
        }

        void onClose(BiConsumer<String, String> listener) {
            app.onClose(listener);
        }

        void send(EnginePacket packet) {
            app.send(packet);
        }

        void send(List<EnginePacket> packets) {
            app.send(packets);
        }

        void close() {
            app.close();
        }

        void closeNow(String reason) {
            app.closeNow(reason);
        }

        void onPacket(Transport from, EnginePacket packet) {
            transport.onPacket(from, packet);
        }

        void onParseError(Transport from, EngineProtocolException error) {
            transport.onParseError(from, error);
        }

        void onTransportClose(Transport from) {
            transport.onTransportClose(from);
        }

        boolean maybeUpgrade(Transport websocket) {
            return transport.maybeUpgrade(websocket);
        }

        long takeTicket() {
            return transport.takeTicket();
        }

        void runInOrder(long ticket, Runnable task) {
            transport.runInOrder(ticket, task);
        }

        PollingTransport polling() {
            return transport.polling();
        }
    }

    // ---- fixture ----

    private ManualLoop loop;
    private EngineServer server;
    private final List<String> closeReasons = new ArrayList<>();
    private final List<EnginePacket> received = new ArrayList<>();

    @BeforeEach
    void setUp() {
        loop = new ManualLoop();
        server = EngineServer.create(options().build());
    }

    private static EngineOptions.Builder options() {
        return EngineOptions.builder().pingInterval(Duration.ofMillis(PING_INTERVAL))
                .pingTimeout(Duration.ofMillis(PING_TIMEOUT)).upgradeTimeout(Duration.ofMillis(UPGRADE_TIMEOUT))
                .closeTimeout(Duration.ofMillis(CLOSE_TIMEOUT));
    }

    private static EngineRequest request(String method, Map<String, String> query) {
        StringBuilder url = new StringBuilder("/engine.io/?");
        query.forEach((k, v) -> url.append(k).append('=').append(v).append('&'));
        return new EngineRequest(method, url.toString(), query, Map.of("host", "localhost"), null, false);
    }

    private static Map<String, String> query(String... keyValues) {
        Map<String, String> q = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            q.put(keyValues[i], keyValues[i + 1]);
        }
        return q;
    }

    private void listen(Session session) {
        session.onMessage(received::add);
        session.onClose((reason, description) -> closeReasons.add(reason));
    }

    /** Opens a polling session and answers its handshake GET. */
    private Session openPolling(EngineServer engine, String eio, String... extraQuery) {
        Map<String, String> q = query("EIO", eio, "transport", "polling");
        q.putAll(query(extraQuery));
        Session session = Session.of(engine, engine.transports().openPolling(request("GET", q), loop));
        listen(session);
        Poll handshake = new Poll();
        assertThat(polling(session).onPoll(handshake)).isTrue();
        assertThat(handshake.payload()).contains("\"sid\"");
        return session;
    }

    /** Opens a polling session without answering its handshake GET. */
    private Session newPollingSession(EngineServer engine, String eio) {
        return Session.of(engine,
                engine.transports().openPolling(request("GET", query("EIO", eio, "transport", "polling")), loop));
    }

    private Session openPolling() {
        return openPolling(server, "4");
    }

    private Session openWebSocket(EngineServer engine, String eio, FakeWebSocket ws) {
        Session session = Session.of(engine, engine.transports().openWebSocket(
                request("GET", query("EIO", eio, "transport", "websocket")), loop, s -> ws));
        listen(session);
        return session;
    }

    private static PollingTransport polling(Session session) {
        return session.polling();
    }

    /**
     * Whether an upgrade over this WebSocket is under way, seen as the client sees it: a probe sent on it is
     * answered on it. Once the upgrade is over, the session ignores the WebSocket (a closed {@link FakeWebSocket}
     * refuses to send, so an upgrade still under way on a closed one fails the test).
     */
    private static boolean upgradeUnderWay(Session session, FakeWebSocket ws) {
        int before = ws.sent.size();
        session.onPacket(ws, ping("probe"));
        return ws.sent.size() == before + 1 && ws.sent.get(before).equals(pong("probe"));
    }

    /** The session's transport is this WebSocket: not polling any more, and what the session sends goes out on it. */
    private static void assertTransportIs(Session session, FakeWebSocket ws) {
        assertThat(session.polling()).isNull();
        assertThat(session.transportType()).isEqualTo(TransportType.WEBSOCKET);
        session.send(EnginePacket.message("on the new transport"));
        assertThat(ws.sent).last().isEqualTo(EnginePacket.message("on the new transport"));
    }

    private static JsonNode handshakeOf(String openPacket) throws Exception {
        assertThat(openPacket).startsWith("0");
        return JSON.readTree(openPacket.substring(1));
    }

    private static EnginePacket pong(String data) {
        return EnginePacket.of(EnginePacketType.PONG, data);
    }

    private static EnginePacket ping(String data) {
        return EnginePacket.of(EnginePacketType.PING, data);
    }

    // ---- specifications ----

    @Nested
    class Handshake {
        @Test
        void pollingHandshakeAnswersFirstGetWithOpenPacket() throws Exception {
            Session session = newPollingSession(server, "4");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            JsonNode handshake = handshakeOf(poll.payload());
            assertThat(handshake.get("sid").asText()).isEqualTo(session.id());
        }

        @Test
        void openPacketCarriesHeartbeatSettingsAndMaxPayload() throws Exception {
            Session session = newPollingSession(server, "4");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            JsonNode handshake = handshakeOf(poll.payload());
            assertThat(handshake.get("pingInterval").asLong()).isEqualTo(PING_INTERVAL);
            assertThat(handshake.get("pingTimeout").asLong()).isEqualTo(PING_TIMEOUT);
            assertThat(handshake.get("maxPayload").asLong()).isEqualTo(1_000_000);
        }

        @Test
        void pollingHandshakeOffersWebSocketUpgrade() throws Exception {
            Session session = newPollingSession(server, "4");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(handshakeOf(poll.payload()).get("upgrades").toString()).isEqualTo("[\"websocket\"]");
        }

        @Test
        void pollingHandshakeOffersNoUpgradeWhenUpgradesAreDisabled() throws Exception {
            EngineServer engine = EngineServer.create(options().allowUpgrades(false).build());
            Session session = newPollingSession(engine, "4");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(handshakeOf(poll.payload()).get("upgrades").toString()).isEqualTo("[]");
        }

        @Test
        void pollingHandshakeOffersNoUpgradeWhenWebSocketIsNotOffered() throws Exception {
            EngineServer engine = EngineServer.create(options().transports(TransportType.POLLING).build());
            Session session = newPollingSession(engine, "4");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(handshakeOf(poll.payload()).get("upgrades").toString()).isEqualTo("[]");
        }

        @Test
        void webSocketHandshakeSendsOpenPacketAtOnceWithNoUpgrades() throws Exception {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            assertThat(ws.sent).hasSize(1);
            JsonNode handshake = handshakeOf(EngineCodec.encodeText(ws.sent.get(0)));
            assertThat(handshake.get("sid").asText()).isEqualTo(session.id());
            assertThat(handshake.get("upgrades").toString()).isEqualTo("[]");
        }

        @Test
        void v3PollingHandshakeIsLengthPrefixed() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            Session session = newPollingSession(engine, "3");
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            String payload = poll.payload();
            int colon = payload.indexOf(':');
            assertThat(Integer.parseInt(payload.substring(0, colon))).isEqualTo(payload.length() - colon - 1);
            assertThat(payload.substring(colon + 1)).startsWith("0{\"sid\":\"" + session.id() + "\"");
        }

        @Test
        void newSessionIsRegisteredUnderItsSid() {
            Session session = openPolling();
            assertThat(server.session(session.id())).isSameAs(session.app);
            assertThat(server.clientsCount()).isEqualTo(1);
        }

        @Test
        void sessionsGetDistinctSids() {
            Session a = openPolling();
            Session b = openPolling();
            assertThat(a.id()).isNotEqualTo(b.id());
        }

        @Test
        void connectionListenerIsToldOfNewSession() {
            List<EngineSession> seen = new ArrayList<>();
            server.onConnection(seen::add);
            Session session = openPolling();
            assertThat(seen).containsExactly(session.app);
        }
    }

    @Nested
    class V4Heartbeat {
        @Test
        void sendsPingAfterPingInterval() {
            FakeWebSocket ws = new FakeWebSocket();
            openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL - 1);
            assertThat(ws.sent).doesNotContain(EnginePacket.PING);
            loop.advance(1);
            assertThat(ws.sent).last().isEqualTo(EnginePacket.PING);
        }

        @Test
        void closesWithPingTimeoutWhenNoPongArrives() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL + PING_TIMEOUT - 1);
            assertThat(session.isOpen()).isTrue();
            loop.advance(1);
            assertThat(closeReasons).containsExactly(EngineSession.PING_TIMEOUT);
            assertThat(session.isOpen()).isFalse();
        }

        @Test
        void pingTimeoutClosesTheTransport() {
            FakeWebSocket ws = new FakeWebSocket();
            openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL + PING_TIMEOUT);
            assertThat(ws.closed).isTrue();
        }

        @Test
        void pingTimeoutRemovesSessionFromServer() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL + PING_TIMEOUT);
            assertThat(server.session(session.id())).isNull();
        }

        @Test
        void pongCancelsPingTimeout() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL);
            session.onPacket(ws, EnginePacket.PONG);
            loop.advance(PING_TIMEOUT);
            assertThat(session.isOpen()).isTrue();
        }

        @Test
        void pongSchedulesNextPingOneIntervalLater() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            loop.advance(PING_INTERVAL + 100);
            session.onPacket(ws, EnginePacket.PONG);
            loop.advance(PING_INTERVAL - 1);
            assertThat(ws.sent.stream().filter(EnginePacket.PING::equals)).hasSize(1);
            loop.advance(1);
            assertThat(ws.sent.stream().filter(EnginePacket.PING::equals)).hasSize(2);
        }

        @Test
        void staysOpenWhileClientKeepsAnswering() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            for (int i = 0; i < 5; i++) {
                loop.advance(PING_INTERVAL);
                session.onPacket(ws, EnginePacket.PONG);
            }
            assertThat(session.isOpen()).isTrue();
            assertThat(ws.sent.stream().filter(EnginePacket.PING::equals)).hasSize(5);
        }

        @Test
        void pingsTravelOverPollingToo() {
            Session session = openPolling();
            loop.advance(PING_INTERVAL);
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("2");
        }

        @Test
        void pingFromV4ClientClosesWithTransportError() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.PING);
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_ERROR);
        }
    }

    @Nested
    class V3Heartbeat {
        private EngineServer engine;
        private FakeWebSocket ws;
        private Session session;

        @BeforeEach
        void openV3Session() {
            engine = EngineServer.create(options().allowEIO3(true).build());
            ws = new FakeWebSocket();
            session = openWebSocket(engine, "3", ws);
            ws.sent.clear();
        }

        @Test
        void answersClientPingWithPong() {
            session.onPacket(ws, EnginePacket.PING);
            assertThat(ws.sent).containsExactly(EnginePacket.PONG);
        }

        @Test
        void answersPingWithPongCarryingTheSameData() {
            session.onPacket(ws, ping("probe"));
            assertThat(ws.sent).containsExactly(pong("probe"));
        }

        @Test
        void serverSendsNoPingOfItsOwn() {
            loop.advance(PING_INTERVAL + PING_TIMEOUT - 1);
            assertThat(ws.sent).isEmpty();
        }

        @Test
        void closesWithPingTimeoutAfterIntervalPlusTimeoutOfSilence() {
            loop.advance(PING_INTERVAL + PING_TIMEOUT - 1);
            assertThat(session.isOpen()).isTrue();
            loop.advance(1);
            assertThat(closeReasons).containsExactly(EngineSession.PING_TIMEOUT);
        }

        @Test
        void clientPingRestartsTheTimeout() {
            loop.advance(PING_INTERVAL);
            session.onPacket(ws, EnginePacket.PING);
            loop.advance(PING_INTERVAL + PING_TIMEOUT - 1);
            assertThat(session.isOpen()).isTrue();
            loop.advance(1);
            assertThat(closeReasons).containsExactly(EngineSession.PING_TIMEOUT);
        }

        @Test
        void pongFromV3ClientClosesWithTransportError() {
            session.onPacket(ws, EnginePacket.PONG);
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_ERROR);
        }
    }

    @Nested
    class Messages {
        @Test
        void deliversTextMessagesToListener() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.message("hello"));
            assertThat(received).containsExactly(EnginePacket.message("hello"));
        }

        @Test
        void deliversBinaryMessagesToListener() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.binary(new byte[] {1, 2}));
            assertThat(received).containsExactly(EnginePacket.binary(new byte[] {1, 2}));
        }

        @Test
        void ignoresNoop() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.NOOP);
            assertThat(received).isEmpty();
            assertThat(session.isOpen()).isTrue();
        }

        @Test
        void ignoresPacketsFromATransportThatIsNotTheSessions() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(new FakeWebSocket(), EnginePacket.message("stray"));
            assertThat(received).isEmpty();
        }

        @Test
        void unexpectedOpenPacketFromClientClosesWithParseError() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.of(EnginePacketType.OPEN, null));
            assertThat(closeReasons).containsExactly(EngineSession.PARSE_ERROR);
        }

        @Test
        void closePacketFromClientClosesWithTransportClose() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.onPacket(ws, EnginePacket.CLOSE);
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_CLOSE);
        }

        @Test
        void sendsPacketsAtOnceOverWritableWebSocket() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.send(EnginePacket.message("hi"));
            assertThat(ws.sent).last().isEqualTo(EnginePacket.message("hi"));
        }
    }

    @Nested
    class Polling {
        private Session session;

        @BeforeEach
        void open() {
            session = openPolling();
        }

        @Test
        void pendingGetIsAnsweredAsSoonAsAPacketIsSent() {
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.answered()).isFalse();
            session.send(EnginePacket.message("hi"));
            assertThat(poll.payload()).isEqualTo("4hi");
        }

        @Test
        void bufferedPacketsAreFlushedToNextGetInOnePayload() {
            session.send(EnginePacket.message("a"));
            session.send(EnginePacket.message("b"));
            session.send(EnginePacket.binary(new byte[] {1, 2, 3, 4}));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("4a" + RS + "4b" + RS + "bAQIDBA==");
        }

        @Test
        void packetsSentTogetherLeaveTogether() {
            session.send(List.of(EnginePacket.message("a"), EnginePacket.message("b")));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("4a" + RS + "4b");
        }

        @Test
        void postDeliversEachPacketOfThePayload() {
            PollingTransport.DataResult result = polling(session).onData("4a" + RS + "4b");
            assertThat(result).isEqualTo(PollingTransport.DataResult.OK);
            assertThat(received).containsExactly(EnginePacket.message("a"), EnginePacket.message("b"));
        }

        @Test
        void secondConcurrentGetIsRefused() {
            polling(session).onPoll(new Poll());
            assertThat(polling(session).onPoll(new Poll())).isFalse();
        }

        @Test
        void secondConcurrentGetClosesSessionWithTransportError() {
            polling(session).onPoll(new Poll());
            polling(session).onPoll(new Poll());
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_ERROR);
            assertThat(server.session(session.id())).isNull();
        }

        @Test
        void secondConcurrentGetReleasesTheFirstWithClose() {
            Poll first = new Poll();
            polling(session).onPoll(first);
            polling(session).onPoll(new Poll());
            assertThat(first.payload()).isEqualTo("1");
        }

        @Test
        void postOfCloseReleasesPendingGetWithNoop() {
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            polling(session).onData("1");
            assertThat(poll.payload()).isEqualTo("6");
        }

        @Test
        void postOfCloseClosesWithTransportClose() {
            polling(session).onPoll(new Poll());
            PollingTransport.DataResult result = polling(session).onData("1");
            assertThat(result).isEqualTo(PollingTransport.DataResult.OK);
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_CLOSE);
        }

        @Test
        void malformedPostIsRefusedAsBadRequest() {
            assertThat(polling(session).onData("9")).isEqualTo(PollingTransport.DataResult.BAD_REQUEST);
        }

        @Test
        void malformedPostClosesWithParseError() {
            polling(session).onData("4a" + RS);
            assertThat(closeReasons).containsExactly(EngineSession.PARSE_ERROR);
        }

        @Test
        void binaryPostInProtocol4ClosesWithParseError() {
            PollingTransport.DataResult result = polling(session).onBinaryData(new byte[] {0, 1, (byte) 0xFF, '6'});
            assertThat(result).isEqualTo(PollingTransport.DataResult.BAD_REQUEST);
            assertThat(closeReasons).containsExactly(EngineSession.PARSE_ERROR);
        }

        @Test
        void abortedGetClosesWithTransportError() {
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            polling(session).onPollAborted(poll);
            assertThat(closeReasons).containsExactly(EngineSession.TRANSPORT_ERROR);
        }

        @Test
        void postAfterCloseWasDeliveredReportsClosed() {
            polling(session).onPoll(new Poll());
            session.close();
            assertThat(polling(session).onData("4late")).isEqualTo(PollingTransport.DataResult.CLOSED);
            assertThat(received).isEmpty();
        }
    }

    @Nested
    class V3Polling {
        @Test
        void binaryPostDeliversTextAndBinaryMessages() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            Session session = openPolling(engine, "3");
            byte[] body = {0, 3, (byte) 0xFF, '4', 'h', 'i', 1, 3, (byte) 0xFF, 4, 7, 8};
            assertThat(polling(session).onBinaryData(body)).isEqualTo(PollingTransport.DataResult.OK);
            assertThat(received).containsExactly(EnginePacket.message("hi"), EnginePacket.binary(new byte[] {7, 8}));
        }

        @Test
        void bufferedPacketsAreFlushedAsLengthPrefixedPayloadWhenTheClientAsksForBase64() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            Session session = openPolling(engine, "3", "b64", "1");
            session.send(EnginePacket.message("€"));
            session.send(EnginePacket.binary(new byte[] {1, 2, 3, 4}));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("2:4€10:b4AQIDBA==");
        }

        @Test
        void payloadWithBinaryIsFlushedAsBinaryPayloadWhenTheClientDidNotAskForBase64() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            Session session = openPolling(engine, "3");
            session.send(EnginePacket.message("€"));
            session.send(EnginePacket.binary(new byte[] {1, 2, 3, 4}));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payloads).isEmpty();
            assertThat(poll.binaryPayloads).hasSize(1);
            // "4€" is 4 UTF-8 bytes; the binary packet is its type byte and 4 bytes
            assertThat(poll.binaryPayloads.get(0)).containsExactly(
                    0, 4, 0xFF, '4', 0xE2, 0x82, 0xAC,
                    1, 5, 0xFF, 4, 1, 2, 3, 4);
        }

        @Test
        void textOnlyPayloadStaysTextWhenTheClientDidNotAskForBase64() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            Session session = openPolling(engine, "3");
            session.send(EnginePacket.message("hi"));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("3:4hi");
        }
    }

    @Nested
    class Upgrade {
        private Session session;
        private PollingTransport polling;
        private FakeWebSocket ws;

        @BeforeEach
        void open() {
            session = openPolling();
            polling = polling(session);
            ws = new FakeWebSocket();
        }

        private void upgradeFully() {
            assertThat(session.maybeUpgrade(ws)).isTrue();
            session.onPacket(ws, ping("probe"));
            session.onPacket(ws, EnginePacket.UPGRADE);
        }

        @Test
        void pollingSessionAcceptsWebSocketUpgrade() {
            assertThat(session.maybeUpgrade(ws)).isTrue();
            assertThat(upgradeUnderWay(session, ws)).isTrue();
        }

        @Test
        void probeIsAnsweredOnTheNewTransport() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            assertThat(ws.sent).containsExactly(pong("probe"));
        }

        @Test
        void probeDoesNotReachTheMessageListener() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            assertThat(received).isEmpty();
        }

        @Test
        void probeReleasesPendingGetWithNoop() {
            Poll poll = new Poll();
            polling.onPoll(poll);
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            assertThat(poll.payload()).isEqualTo("6");
        }

        @Test
        void getArrivingAfterProbeIsReleasedWithNoop() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            Poll poll = new Poll();
            polling.onPoll(poll);
            assertThat(poll.payload()).isEqualTo("6");
        }

        @Test
        void upgradePacketSwitchesTransport() {
            upgradeFully();
            assertTransportIs(session, ws);
            assertThat(session.upgraded()).isTrue();
            // no upgrade under way any more: a message on the WebSocket is an ordinary message
            session.onPacket(ws, EnginePacket.message("hi"));
            assertThat(received).containsExactly(EnginePacket.message("hi"));
        }

        @Test
        void upgradePacketFlushesBufferedPacketsToWebSocket() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            session.send(EnginePacket.message("queued"));
            session.onPacket(ws, EnginePacket.UPGRADE);
            assertThat(ws.sent).containsExactly(pong("probe"), EnginePacket.message("queued"));
        }

        @Test
        void upgradeReleasesGetStillPendingWithNoop() {
            session.maybeUpgrade(ws);
            Poll poll = new Poll();
            polling.onPoll(poll);
            session.onPacket(ws, EnginePacket.UPGRADE);
            assertThat(poll.payload()).isEqualTo("6");
        }

        @Test
        void packetsSentAfterUpgradeGoOverWebSocket() {
            upgradeFully();
            session.send(EnginePacket.message("after"));
            assertThat(ws.sent).last().isEqualTo(EnginePacket.message("after"));
        }

        @Test
        void messagesFromWebSocketAreDeliveredAfterUpgrade() {
            upgradeFully();
            session.onPacket(ws, EnginePacket.message("hi"));
            assertThat(received).containsExactly(EnginePacket.message("hi"));
        }

        @Test
        void pollingTransportRefusesGetsAfterUpgrade() {
            upgradeFully();
            assertThat(polling.onPoll(new Poll())).isFalse();
            assertThat(session.isOpen()).isTrue();
        }

        @Test
        void pollingTransportRefusesPostsAfterUpgrade() {
            upgradeFully();
            assertThat(polling.onData("4late")).isEqualTo(PollingTransport.DataResult.CLOSED);
            assertThat(received).isEmpty();
        }

        @Test
        void verifyRefusesPollingRequestsForUpgradedSession() {
            upgradeFully();
            Optional<RequestError> error = server.transports().verify(
                    request("GET", query("EIO", "4", "transport", "polling", "sid", session.id())), false);
            assertThat(error).map(RequestError::error).contains(EngineError.BAD_REQUEST);
        }

        @Test
        void verifyAcceptsWebSocketUpgradeRequestForPollingSession() {
            Optional<RequestError> error = server.transports().verify(
                    request("GET", query("EIO", "4", "transport", "websocket", "sid", session.id())), true);
            assertThat(error).isEmpty();
        }

        @Test
        void unexpectedPacketDuringUpgradeCancelsIt() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, EnginePacket.message("too early"));
            assertThat(upgradeUnderWay(session, ws)).isFalse();
            assertThat(ws.closed).isTrue();
        }

        @Test
        void cancelledUpgradeLeavesSessionOnPolling() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, EnginePacket.message("too early"));
            assertThat(session.isOpen()).isTrue();
            assertThat(session.polling()).isSameAs(polling);
            Poll poll = new Poll();
            assertThat(polling.onPoll(poll)).isTrue();
            session.send(EnginePacket.message("still here"));
            assertThat(poll.payload()).isEqualTo("4still here");
        }

        @Test
        void malformedFrameDuringUpgradeCancelsItButKeepsTheSession() {
            session.maybeUpgrade(ws);
            session.onParseError(ws, new EngineProtocolException("bad frame"));
            assertThat(upgradeUnderWay(session, ws)).isFalse();
            assertThat(ws.closed).isTrue();
            assertThat(session.isOpen()).isTrue();
        }

        @Test
        void webSocketDroppedDuringUpgradeCancelsItButKeepsTheSession() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            session.onTransportClose(ws);
            assertThat(upgradeUnderWay(session, ws)).isFalse();
            assertThat(session.isOpen()).isTrue();
            assertThat(session.polling()).isSameAs(polling);
        }

        @Test
        void upgradeTimesOutWithoutUpgradePacket() {
            session.maybeUpgrade(ws);
            session.onPacket(ws, ping("probe"));
            loop.advance(UPGRADE_TIMEOUT - 1);
            assertThat(upgradeUnderWay(session, ws)).isTrue();
            loop.advance(1);
            assertThat(upgradeUnderWay(session, ws)).isFalse();
            assertThat(ws.closed).isTrue();
            assertThat(session.isOpen()).isTrue();
        }

        @Test
        void completedUpgradeIsNotUndoneByTheTimeout() {
            upgradeFully();
            loop.advance(UPGRADE_TIMEOUT);
            assertThat(ws.closed).isFalse();
            assertTransportIs(session, ws);
        }

        @Test
        void secondUpgradeIsRefusedWhileOneIsUnderWay() {
            session.maybeUpgrade(ws);
            assertThat(session.maybeUpgrade(new FakeWebSocket())).isFalse();
        }

        @Test
        void upgradeIsRefusedOnceUpgraded() {
            upgradeFully();
            assertThat(session.maybeUpgrade(new FakeWebSocket())).isFalse();
        }

        @Test
        void upgradeIsRefusedForWebSocketSession() {
            Session wsSession = openWebSocket(server, "4", new FakeWebSocket());
            assertThat(wsSession.maybeUpgrade(new FakeWebSocket())).isFalse();
        }

        @Test
        void heartbeatContinuesOverTheNewTransport() {
            upgradeFully();
            loop.advance(PING_INTERVAL);
            assertThat(ws.sent).last().isEqualTo(EnginePacket.PING);
            session.onPacket(ws, EnginePacket.PONG);
            loop.advance(PING_TIMEOUT);
            assertThat(session.isOpen()).isTrue();
        }
    }

    @Nested
    class ServerClose {
        @Test
        void closeOverWebSocketSendsQueuedPacketsThenClosesTransport() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            ws.events.clear();
            ws.writable = false;
            session.send(EnginePacket.message("a"));
            session.send(EnginePacket.message("b"));
            ws.writable = true;
            session.close();
            assertThat(ws.events).containsExactly("send 4a", "send 4b", "close");
        }

        @Test
        void closeOverWebSocketClosesWithForcedClose() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.close();
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
            assertThat(server.session(session.id())).isNull();
        }

        @Test
        void closeOverPollingWithoutPendingGetGivesNextGetBufferedPacketsAndClose() {
            Session session = openPolling();
            session.send(EnginePacket.message("a"));
            session.close();
            Poll poll = new Poll();
            assertThat(polling(session).onPoll(poll)).isTrue();
            assertThat(poll.payload()).isEqualTo("4a" + RS + "1");
        }

        @Test
        void closeOverPollingCompletesWhenCloseIsDelivered() {
            Session session = openPolling();
            session.close();
            assertThat(closeReasons).isEmpty();
            assertThat(session.isOpen()).isFalse();
            polling(session).onPoll(new Poll());
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
        }

        @Test
        void closeOverPollingWithPendingGetAnswersItWithClose() {
            Session session = openPolling();
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            session.close();
            assertThat(poll.payload()).isEqualTo("1");
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
        }

        @Test
        void closeOverPollingIsForcedAfterCloseTimeout() {
            Session session = openPolling();
            session.close();
            loop.advance(CLOSE_TIMEOUT - 1);
            assertThat(closeReasons).isEmpty();
            loop.advance(1);
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
            assertThat(server.session(session.id())).isNull();
        }

        @Test
        void closeCancelsHeartbeat() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.close();
            ws.sent.clear();
            loop.advance(PING_INTERVAL + PING_TIMEOUT);
            assertThat(ws.sent).isEmpty();
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
        }

        @Test
        void packetsSentAfterCloseAreDropped() {
            Session session = openPolling();
            session.close();
            session.send(EnginePacket.message("late"));
            Poll poll = new Poll();
            polling(session).onPoll(poll);
            assertThat(poll.payload()).isEqualTo("1");
        }

        @Test
        void closeDuringUpgradeAbandonsTheUpgrade() {
            Session session = openPolling();
            FakeWebSocket ws = new FakeWebSocket();
            session.maybeUpgrade(ws);
            session.close();
            assertThat(ws.closed).isTrue();
            assertThat(upgradeUnderWay(session, ws)).isFalse();
        }

        @Test
        void closeListenerIsToldOnlyOnce() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            session.close();
            session.onPacket(ws, EnginePacket.CLOSE);
            session.closeNow("again");
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE);
        }

        @Test
        void serverCloseClosesEverySession() {
            openWebSocket(server, "4", new FakeWebSocket());
            openWebSocket(server, "4", new FakeWebSocket());
            server.close();
            assertThat(closeReasons).containsExactly(EngineSession.FORCED_CLOSE, EngineSession.FORCED_CLOSE);
            assertThat(server.clientsCount()).isZero();
        }
    }

    @Nested
    class Verify {
        private Optional<EngineError> verify(EngineServer engine, String method, boolean upgrade,
                String... query) {
            return engine.transports().verify(request(method, query(query)), upgrade).map(RequestError::error);
        }

        @Test
        void acceptsV4PollingHandshake() {
            assertThat(verify(server, "GET", false, "EIO", "4", "transport", "polling")).isEmpty();
        }

        @Test
        void acceptsV4WebSocketHandshake() {
            assertThat(verify(server, "GET", true, "EIO", "4", "transport", "websocket")).isEmpty();
        }

        @Test
        void refusesUnknownTransportWithCode0() {
            assertThat(verify(server, "GET", false, "EIO", "4", "transport", "flashsocket"))
                    .contains(EngineError.UNKNOWN_TRANSPORT);
            assertThat(EngineError.UNKNOWN_TRANSPORT.code()).isZero();
        }

        @Test
        void refusesMissingTransportAsUnknown() {
            assertThat(verify(server, "GET", false, "EIO", "4")).contains(EngineError.UNKNOWN_TRANSPORT);
        }

        @Test
        void refusesTransportThatIsNotOffered() {
            EngineServer engine = EngineServer.create(options().transports(TransportType.POLLING).build());
            assertThat(verify(engine, "GET", true, "EIO", "4", "transport", "websocket"))
                    .contains(EngineError.UNKNOWN_TRANSPORT);
        }

        @Test
        void refusesUnknownSidWithCode1() {
            assertThat(verify(server, "GET", false, "EIO", "4", "transport", "polling", "sid", "nope"))
                    .contains(EngineError.UNKNOWN_SID);
            assertThat(EngineError.UNKNOWN_SID.code()).isEqualTo(1);
        }

        @Test
        void acceptsRequestsForKnownSid() {
            Session session = openPolling();
            assertThat(verify(server, "POST", false, "EIO", "4", "transport", "polling", "sid", session.id()))
                    .isEmpty();
        }

        @Test
        void refusesHandshakeWithPostWithCode2() {
            assertThat(verify(server, "POST", false, "EIO", "4", "transport", "polling"))
                    .contains(EngineError.BAD_HANDSHAKE_METHOD);
            assertThat(EngineError.BAD_HANDSHAKE_METHOD.code()).isEqualTo(2);
        }

        @Test
        void refusesWebSocketTransportWithoutUpgradeWithCode3() {
            assertThat(verify(server, "GET", false, "EIO", "4", "transport", "websocket"))
                    .contains(EngineError.BAD_REQUEST);
            assertThat(EngineError.BAD_REQUEST.code()).isEqualTo(3);
        }

        @Test
        void refusesRequestWhoseTransportDiffersFromTheSessions() {
            FakeWebSocket ws = new FakeWebSocket();
            Session session = openWebSocket(server, "4", ws);
            assertThat(verify(server, "GET", false, "EIO", "4", "transport", "polling", "sid", session.id()))
                    .contains(EngineError.BAD_REQUEST);
        }

        @Test
        void refusesHandshakeForbiddenByAllowRequestWithItsMessage() {
            EngineServer engine = EngineServer.create(options()
                    .allowRequest(req -> "secret".equals(req.query("token"))
                            ? AllowRequest.Verdict.allow() : AllowRequest.Verdict.refuse("bad token"))
                    .build());
            Optional<RequestError> error = engine.transports().verify(
                    request("GET", query("EIO", "4", "transport", "polling", "token", "guess")), false);
            assertThat(error).isPresent();
            assertThat(error.get().error()).isEqualTo(EngineError.FORBIDDEN);
            assertThat(error.get().error().code()).isEqualTo(4);
            assertThat(error.get().error().httpStatus()).isEqualTo(403);
            assertThat(error.get().message()).isEqualTo("bad token");
            assertThat(error.get().toJson()).isEqualTo("{\"code\":4,\"message\":\"bad token\"}");
        }

        @Test
        void acceptsHandshakeAllowedByAllowRequest() {
            EngineServer engine = EngineServer.create(options()
                    .allowRequest(req -> "secret".equals(req.query("token"))
                            ? AllowRequest.Verdict.allow() : AllowRequest.Verdict.refuse("bad token"))
                    .build());
            assertThat(verify(engine, "GET", false, "EIO", "4", "transport", "polling", "token", "secret")).isEmpty();
        }

        @Test
        void forbiddenWithoutMessageUsesDefaultMessage() {
            EngineServer engine = EngineServer.create(options()
                    .allowRequest(req -> AllowRequest.Verdict.refuse(null)).build());
            Optional<RequestError> error = engine.transports().verify(
                    request("GET", query("EIO", "4", "transport", "polling")), false);
            assertThat(error).map(RequestError::message).contains("Forbidden");
        }

        @Test
        void failingAllowRequestHookForbidsTheHandshake() {
            EngineServer engine = EngineServer.create(options()
                    .allowRequest(req -> {
                        throw new IllegalStateException("boom");
                    }).build());
            assertThat(verify(engine, "GET", false, "EIO", "4", "transport", "polling"))
                    .contains(EngineError.FORBIDDEN);
        }

        @Test
        void refusesMissingProtocolVersionWithCode5() {
            assertThat(verify(server, "GET", false, "transport", "polling"))
                    .contains(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
            assertThat(EngineError.UNSUPPORTED_PROTOCOL_VERSION.code()).isEqualTo(5);
        }

        @Test
        void refusesNonNumericProtocolVersion() {
            assertThat(verify(server, "GET", false, "EIO", "abc", "transport", "polling"))
                    .contains(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }

        @Test
        void refusesProtocol3UnlessAllowed() {
            assertThat(verify(server, "GET", false, "EIO", "3", "transport", "polling"))
                    .contains(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }

        @Test
        void acceptsProtocol3WhenAllowEio3IsSet() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            assertThat(verify(engine, "GET", false, "EIO", "3", "transport", "polling")).isEmpty();
        }

        @Test
        void sessionOpenedWithProtocol3SpeaksProtocol3() {
            EngineServer engine = EngineServer.create(options().allowEIO3(true).build());
            assertThat(openPolling(engine, "3").protocol()).isEqualTo(3);
        }

        @Test
        void errorsOtherThanForbiddenAnswerWithStatus400() {
            for (EngineError error : EngineError.values()) {
                assertThat(error.httpStatus()).isEqualTo(error == EngineError.FORBIDDEN ? 403 : 400);
            }
        }

        @Test
        void errorJsonCarriesNodesCodeAndMessage() {
            assertThat(new RequestError(EngineError.UNKNOWN_SID).toJson())
                    .isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }

        @Test
        void errorJsonEscapesTheMessage() {
            assertThat(new RequestError(EngineError.FORBIDDEN, "say \"no\"\n").toJson())
                    .isEqualTo("{\"code\":4,\"message\":\"say \\\"no\\\"\\n\"}");
        }
    }

    @Nested
    class ArrivalOrder {
        @Test
        void runsTasksInTicketOrderWhateverOrderTheyAreSubmittedIn() {
            Session session = openWebSocket(server, "4", new FakeWebSocket());
            long t0 = session.takeTicket();
            long t1 = session.takeTicket();
            long t2 = session.takeTicket();
            List<Integer> ran = new ArrayList<>();
            session.runInOrder(t2, () -> ran.add(2));
            session.runInOrder(t0, () -> ran.add(0));
            session.runInOrder(t1, () -> ran.add(1));
            assertThat(ran).containsExactly(0, 1, 2);
        }

        @Test
        void parksTaskUntilEarlierTicketsHaveRun() {
            Session session = openWebSocket(server, "4", new FakeWebSocket());
            long t0 = session.takeTicket();
            long t1 = session.takeTicket();
            List<Integer> ran = new ArrayList<>();
            session.runInOrder(t1, () -> ran.add(1));
            assertThat(ran).isEmpty();
            session.runInOrder(t0, () -> ran.add(0));
            assertThat(ran).containsExactly(0, 1);
        }

        @Test
        void ticketsAreTakenInSequence() {
            Session session = openWebSocket(server, "4", new FakeWebSocket());
            assertThat(List.of(session.takeTicket(), session.takeTicket(), session.takeTicket()))
                    .containsExactly(0L, 1L, 2L);
        }

        @Test
        void failingTaskDoesNotHoldBackLaterTickets() {
            Session session = openWebSocket(server, "4", new FakeWebSocket());
            long t0 = session.takeTicket();
            long t1 = session.takeTicket();
            List<Integer> ran = new ArrayList<>();
            session.runInOrder(t1, () -> ran.add(1));
            session.runInOrder(t0, () -> {
                throw new IllegalStateException("boom");
            });
            assertThat(ran).containsExactly(1);
        }
    }
}
