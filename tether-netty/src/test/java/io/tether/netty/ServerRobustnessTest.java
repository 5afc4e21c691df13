package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import io.tether.engine.AllowRequest;
import io.tether.engine.CorsOptions;
import io.tether.engine.TransportType;
import io.tether.engine.spi.TransportSession;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the server does with clients that misbehave or go silent, with HTTP requests it must refuse, and
 * with cross-origin requests: raw JDK WebSockets and HttpClient requests next to well-behaved Java clients.
 */
class ServerRobustnessTest extends JavaClientTestSupport {
    private static final byte[] BYTES = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 42};

    /** Server sockets and their disconnect reasons, by the {@code kind} each client put in its auth payload. */
    private final Map<String, CompletableFuture<Socket>> sockets = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> reasons = new ConcurrentHashMap<>();

    private SocketIoOptions.Builder options = SocketIoOptions.builder();

    private void serve() {
        start(options.build());
        socketIo.onConnection(socket -> {
            String kind = socket.handshake().auth().path("kind").asText("anonymous");
            socket.onDisconnect(reason -> reasonOf(kind).complete(reason.wireName()));
            socket.on("chat", (args, ack) -> ack.send("ok " + args.text(0)));
            socket.on("bin", (args, ack) -> ack.send(args.bytes(0).length));
            socketOf(kind).complete(socket);
        });
        listen();
    }

    private CompletableFuture<Socket> socketOf(String kind) {
        return sockets.computeIfAbsent(kind, k -> new CompletableFuture<>());
    }

    private CompletableFuture<String> reasonOf(String kind) {
        return reasons.computeIfAbsent(kind, k -> new CompletableFuture<>());
    }

    private io.socket.client.Socket javaClient(String kind, String transport) {
        io.socket.client.IO.Options opts = options(transport);
        opts.auth = Map.of("kind", kind);
        return connected(opts);
    }

    /** A raw WebSocket session that joined the main namespace with {@code {"kind": kind}}. */
    private RawWebSocket rawConnected(String kind) {
        RawWebSocket ws = rawWebSocket();
        assertThat(ws.nextText()).startsWith("0{");
        ws.send("40{\"kind\":\"" + kind + "\"}");
        assertThat(ws.nextTextStartingWith("40")).startsWith("40{\"sid\":");
        result(socketOf(kind));
        return ws;
    }

    private static String chat(io.socket.client.Socket client, String text) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        client.emit("chat", new Object[] {text}, (Ack) answer::complete);
        return (String) result(answer)[0];
    }

    // ---- heartbeat ----

    @Test
    void silentClientIsDisconnectedWithPingTimeout() {
        options.pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(100));
        serve();
        RawWebSocket ws = rawWebSocket();
        JsonNode open = RawPolling.json(ws.nextText().substring(1));
        assertThat(open.get("pingInterval").asLong()).isEqualTo(200);
        assertThat(open.get("pingTimeout").asLong()).isEqualTo(100);
        ws.send("40{\"kind\":\"silent\"}");

        assertThat(result(reasonOf("silent"))).isEqualTo("ping timeout");
        assertThat(ws.nextTextStartingWith("2")).isEqualTo("2");
        assertThat(result(ws.closed())).isNotNull();
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
    }

    @Test
    void clientAnsweringPingsStaysConnected() {
        options.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(100));
        serve();
        RawWebSocket ws = rawConnected("polite");

        for (int i = 0; i < 5; i++) {
            assertThat(ws.nextTextStartingWith("2")).isEqualTo("2");
            ws.send("3");
        }

        assertThat(result(socketOf("polite")).connected()).isTrue();
        assertThat(reasonOf("polite")).isNotDone();
    }

    @Test
    void clientPingInProtocol4ClosesSessionAsWrongHeartbeatDirection() {
        serve();
        RawWebSocket ws = rawConnected("pinger");

        ws.send("2");

        assertThat(result(reasonOf("pinger"))).isEqualTo("transport error");
        assertThat(result(ws.closed())).isNotNull();
    }

    // ---- malformed input ----

    @ParameterizedTest(name = "garbage {0}")
    @ValueSource(strings = {
        "4abc",                       // Socket.IO packet of unknown type 'a'
        "42{}",                       // EVENT whose payload is not an array
        "42[\"unterminated\"",        // EVENT with broken JSON
        "42[]",                       // EVENT without a name
        "42[\"connect\"]",            // EVENT with a reserved name
        "40[1]",                      // CONNECT whose auth is not an object
        "x",                          // Engine.IO packet of unknown type
    })
    void malformedInputClosesOnlyTheOffendingSession(String garbage) {
        serve();
        io.socket.client.Socket overWebSocket = javaClient("ws-client", "websocket");
        io.socket.client.Socket overPolling = javaClient("polling-client", "polling");
        RawWebSocket raw = rawConnected("raw");

        raw.send(garbage);

        assertThat(result(reasonOf("raw"))).isEqualTo("parse error");
        assertThat(result(raw.closed())).isNotNull();
        assertThat(chat(overWebSocket, "still here")).isEqualTo("ok still here");
        assertThat(chat(overPolling, "me too")).isEqualTo("ok me too");
        assertThat(reasonOf("ws-client")).isNotDone();
        assertThat(reasonOf("polling-client")).isNotDone();
        assertThat(socketIo.sockets().sockets()).hasSize(2);
    }

    @Test
    void binaryFrameWithoutAnnouncingPacketClosesOnlyTheOffendingSession() {
        serve();
        io.socket.client.Socket other = javaClient("other", "websocket");
        RawWebSocket raw = rawConnected("raw");

        raw.sendBinary(BYTES);

        assertThat(result(reasonOf("raw"))).isEqualTo("parse error");
        assertThat(chat(other, "fine")).isEqualTo("ok fine");
    }

    @Test
    void malformedPollingPostClosesSessionWithParseError() {
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"raw-polling\"}");

        polling.postToSession("4abc");

        assertThat(result(reasonOf("raw-polling"))).isEqualTo("parse error");
    }

    @Test
    void invalidPacketOverPollingClosesTheSessionCleanlyLikeNode() {
        // after socket.io's test/close.ts "should close the connection when receiving an invalid packet": the
        // session is closed, not discarded: what is queued, then a close packet, reach the client's next poll
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.handshake();
        polling.postToSession("40");
        // the CONNECT answer leaves once the connection handlers are done: wait for it first
        HttpResponse<String> connected = polling.pollSession();
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.body()).startsWith("40{\"sid\":");

        polling.postToSession("4abc");

        List<String> packets = new ArrayList<>();
        HttpResponse<String> next = polling.pollSession();
        assertThat(next.statusCode()).as("poll after the invalid packet: %s", next.body()).isEqualTo(200);
        packets.addAll(List.of(next.body().split("\u001e")));
        assertThat(packets).last().isEqualTo("1");
        assertThat(polling.pollSession().statusCode()).as("the session is gone after its close").isEqualTo(400);
    }

    @Test
    void webSocketMessageOverMaxHttpBufferSizeClosesOnlyThatSession() {
        options.maxHttpBufferSize(1_000);
        serve();
        io.socket.client.Socket other = javaClient("other", "websocket");
        RawWebSocket raw = rawConnected("big-ws");

        raw.send("42[\"chat\",\"" + "z".repeat(2_000) + "\"]");

        assertThat(result(reasonOf("big-ws"))).isEqualTo("transport error");
        assertThat(result(raw.closed())).isNotNull();
        assertThat(chat(other, "small")).isEqualTo("ok small");
    }

    @Test
    void pollingRequestForAWebSocketSessionGets400WithCode3() {
        serve();
        RawWebSocket raw = rawConnected("ws-only");
        String sid = result(socketOf("ws-only")).connectionId();

        HttpResponse<String> response = new RawPolling(server.port()).get("EIO=4&transport=polling&sid=" + sid);

        assertError(response, 400, 3, "Bad request");
        assertThat(reasonOf("ws-only")).isNotDone();
        assertThat(raw.closed()).isNotDone();
    }

    @Test
    void pollingPostOfBinaryAttachmentWithLineBreakInBase64IsAccepted() {
        // the official Java client encodes base64 with java-android's Base64.DEFAULT, which ends it with "\n";
        // Node decodes with Buffer.from(data, "base64"), which ignores the line break
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"b64\"}");

        HttpResponse<String> posted = polling.postToSession(
                "451-0[\"bin\",{\"_placeholder\":true,\"num\":0}]\u001ebAAEC/v8q\n");

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(polling.pollSession().body()).isEqualTo("430[6]");
        assertThat(reasonOf("b64")).isNotDone();
    }

    // ---- polling sessions ----

    @Test
    void oversizedPollingPostGets413AndClosesItsSession() {
        options.maxHttpBufferSize(1_000);
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"big\"}");

        HttpResponse<String> posted = polling.postToSession("4" + "x".repeat(2_000));

        assertThat(posted.statusCode()).isEqualTo(413);
        assertThat(result(reasonOf("big"))).isEqualTo("transport error");
        assertError(polling.pollSession(), 400, 1, "Session ID unknown");
    }

    @Test
    void pollingPostAtTheSizeLimitIsAccepted() {
        options.maxHttpBufferSize(1_000);
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"fits\"}");
        String body = "42[\"chat\",\"" + "y".repeat(1_000 - 13) + "\"]";
        assertThat(body).hasSize(1_000);

        HttpResponse<String> posted = polling.postToSession(body);

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(reasonOf("fits")).isNotDone();
    }

    @Test
    void closePacketOverPollingReportsTransportClose() {
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"leaving\"}");

        assertThat(polling.postToSession("1").statusCode()).isEqualTo(200);

        assertThat(result(reasonOf("leaving"))).isEqualTo("transport close");
    }

    @Test
    void overlappingPollClosesSessionWithTransportError() {
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"overlap\"}");
        TransportSession session = socketIo.engine().transports().session(polling.sid());
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(polling::pollSession);
        await().atMost(TIMEOUT).until(() -> session.polling().writable());

        HttpResponse<String> second = polling.pollSession();

        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(result(reasonOf("overlap"))).isEqualTo("transport error");
        assertThat(result(first).body()).isEqualTo("1");
    }

    @Test
    void abortedLongPollClosesSessionWithTransportError() throws Exception {
        serve();
        RawPolling polling = new RawPolling(server.port());
        polling.connect("{\"kind\":\"aborted\"}");
        TransportSession session = socketIo.engine().transports().session(polling.sid());
        try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", server.port())) {
            tcp.getOutputStream().write(("GET /socket.io/?" + polling.sessionQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            tcp.getOutputStream().flush();
            await().atMost(TIMEOUT).until(() -> session.polling().writable());
        }

        assertThat(result(reasonOf("aborted"))).isEqualTo("transport error");
    }

    // ---- open packet ----

    @Test
    void pollingOpenPacketOffersWebSocketUpgradeAndNodeDefaults() {
        serve();

        JsonNode open = new RawPolling(server.port()).handshake();

        assertThat(open.get("sid").asText()).isNotBlank();
        assertThat(open.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
        assertThat(open.get("pingInterval").asLong()).isEqualTo(25_000);
        assertThat(open.get("pingTimeout").asLong()).isEqualTo(20_000);
        assertThat(open.get("maxPayload").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void webSocketOpenPacketOffersNoUpgrade() {
        serve();

        JsonNode open = RawPolling.json(rawWebSocket().nextText().substring(1));

        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
    }

    @Test
    void pollingOnlyServerOffersNoUpgrade() {
        options.transports(TransportType.POLLING);
        serve();

        JsonNode open = new RawPolling(server.port()).handshake();

        assertThat(open.get("upgrades").toString()).isEqualTo("[]");
    }

    // ---- HTTP errors ----

    @Test
    void unknownTransportGets400WithCode0() {
        serve();
        assertError(new RawPolling(server.port()).get("EIO=4&transport=foo"), 400, 0, "Transport unknown");
    }

    @Test
    void unknownSessionIdGets400WithCode1() {
        serve();
        assertError(new RawPolling(server.port()).get("EIO=4&transport=polling&sid=doesnotexist"),
                400, 1, "Session ID unknown");
    }

    @Test
    void postHandshakeGets400WithCode2() {
        serve();
        assertError(new RawPolling(server.port()).post("EIO=4&transport=polling", "40"),
                400, 2, "Bad handshake method");
    }

    @Test
    void unsupportedProtocolVersionGets400WithCode5() {
        serve();
        assertError(new RawPolling(server.port()).get("EIO=5&transport=polling"),
                400, 5, "Unsupported protocol version");
    }

    @Test
    void protocol3IsRefusedUnlessAllowed() {
        serve();
        assertError(new RawPolling(server.port()).get("EIO=3&transport=polling"),
                400, 5, "Unsupported protocol version");
    }

    @Test
    void refusedRequestGets403WithCode4AndCustomMessage() {
        options.allowRequest(request -> "secret".equals(request.query("token"))
                ? AllowRequest.Verdict.allow()
                : AllowRequest.Verdict.refuse("bad token"));
        serve();
        RawPolling polling = new RawPolling(server.port());

        assertError(polling.get("EIO=4&transport=polling&token=nope"), 403, 4, "bad token");
        assertThat(polling.get("EIO=4&transport=polling&token=secret").statusCode()).isEqualTo(200);
    }

    @Test
    void refusedWebSocketHandshakeGets403() {
        options.allowRequest(request -> AllowRequest.Verdict.refuse("no sockets today"));
        serve();
        io.socket.client.Socket client = client(options("websocket"));
        CompletableFuture<Object[]> error = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(error));

        client.connect();

        assertThat(result(error)).isNotEmpty();
        assertThat(client.connected()).isFalse();
        assertThat(socketIo.engine().clientsCount()).isZero();
    }

    // ---- CORS ----

    @Test
    void anyOriginCorsAddsAllowOriginToPollingResponses() {
        options.cors(CorsOptions.anyOrigin());
        serve();

        HttpResponse<String> response = new RawPolling(server.port())
                .get("EIO=4&transport=polling", "Origin", "http://example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void corsPreflightGets204WithAllowHeaders() {
        options.cors(CorsOptions.anyOrigin());
        serve();
        RawPolling polling = new RawPolling(server.port());

        HttpResponse<String> response = polling.send(HttpRequest.newBuilder(polling.uri("EIO=4&transport=polling"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
    }

    @Test
    void corsHeadersAreAddedToErrorResponses() {
        options.cors(CorsOptions.anyOrigin());
        serve();

        HttpResponse<String> response = new RawPolling(server.port())
                .get("EIO=4&transport=foo", "Origin", "http://example.com");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void listedOriginWithCredentialsIsEchoed() {
        options.cors(CorsOptions.builder().origins(List.of("http://allowed.example")).credentials(true).build());
        serve();
        RawPolling polling = new RawPolling(server.port());

        HttpResponse<String> allowed = polling.get("EIO=4&transport=polling", "Origin", "http://allowed.example");
        HttpResponse<String> other = polling.get("EIO=4&transport=polling", "Origin", "http://other.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://allowed.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withoutCorsNoAllowOriginIsSent() {
        serve();

        HttpResponse<String> response = new RawPolling(server.port())
                .get("EIO=4&transport=polling", "Origin", "http://example.com");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static void assertError(HttpResponse<String> response, int status, int code, String message) {
        assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = RawPolling.json(response.body());
        assertThat(body.get("code").asInt()).as("code in %s", response.body()).isEqualTo(code);
        assertThat(body.get("message").asText()).isEqualTo(message);
    }
}
