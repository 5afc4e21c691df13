package io.tether.conformance;

import static io.tether.conformance.SuiteAssertions.JSON;
import static io.tether.conformance.SuiteAssertions.PING_INTERVAL;
import static io.tether.conformance.SuiteAssertions.PING_TIMEOUT;
import static io.tether.conformance.SuiteAssertions.TIMER_SLACK;
import static io.tether.conformance.SuiteAssertions.assertHandshake;
import static io.tether.conformance.SuiteAssertions.assertUpgradeRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tether.conformance.SuiteFetch.KeepAliveConnection;
import io.tether.conformance.SuiteFetch.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official socket.io-protocol test suite ({@code test-suite.js}), case by case, against
 * {@link ConformanceFixture}'s Socket.IO server at {@code /socket.io/} (namespaces {@code /} and
 * {@code /custom}): same requests, same assertions, so CI checks them without Node.
 *
 * <p>Where a case sends a GET and a POST at once, the GET goes on a {@link SuiteFetch.KeepAliveConnection}, so
 * that it is written first, as node-fetch does. {@link SuiteWebSocket} queues every message; in these cases
 * the suite listens for every message the server sends before the one it checks, so nothing differs there.
 */
@DisplayName("socket.io-protocol test suite")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SocketIoProtocolSuiteTest extends ProtocolSuiteFixture {

    private static String initLongPollingSession() throws IOException {
        return SuiteAssertions.sidOf(fetch.get(URL + "/socket.io/?EIO=4&transport=polling").body());
    }

    /** initLongPollingSession() on a connection of its own, for a case that then sends a GET and a POST at once. */
    private static String initLongPollingSession(KeepAliveConnection connection) throws IOException {
        return SuiteAssertions.sidOf(connection.get(URL + "/socket.io/?EIO=4&transport=polling").body());
    }

    /** The suite's {@code initSocketIOConnection()}: a WebSocket connected to the main namespace. */
    private SuiteWebSocket initSocketIOConnection() {
        SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

        socket.waitForMessage(); // Engine.IO handshake

        socket.send("40");

        socket.waitForMessage(); // Socket.IO handshake
        socket.waitForMessage(); // "auth" packet

        return socket;
    }

    private static String sessionUrl(String sid) {
        return URL + "/socket.io/?EIO=4&transport=polling&sid=" + sid;
    }

    private static String text(Object data) {
        assertThat(data).as("a text message").isInstanceOf(String.class);
        return (String) data;
    }

    /** {@code expect(handshake).to.have.all.keys("sid"); expect(handshake.sid).to.be.a("string")}. */
    private static void assertSocketIoHandshake(String json) throws IOException {
        JsonNode handshake = JSON.readTree(json);
        List<String> keys = new ArrayList<>();
        handshake.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("sid");
        assertThat(handshake.get("sid").isTextual()).as("sid is a string: %s", handshake.get("sid")).isTrue();
    }

    private static void assertBinary(Object data, int... bytes) {
        assertThat(data).as("a binary message").isInstanceOf(byte[].class);
        byte[] expected = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            expected[i] = (byte) bytes[i];
        }
        assertThat((byte[]) data).containsExactly(expected);
    }

    @Nested
    @DisplayName("Engine.IO protocol")
    class EngineIoProtocol {

        @Nested
        @DisplayName("handshake")
        class Handshake {

            @Nested
            @DisplayName("HTTP long-polling")
            class OverHttpLongPolling {

                @Test
                @DisplayName("should successfully open a session")
                void shouldSuccessfullyOpenASession() throws Exception {
                    Response response = fetch.get(URL + "/socket.io/?EIO=4&transport=polling");

                    assertThat(response.statusCode()).isEqualTo(200);

                    assertHandshake(response.body(), "websocket");
                }

                @Test
                @DisplayName("should fail with an invalid 'EIO' query parameter")
                void shouldFailWithAnInvalidEioQueryParameter() throws Exception {
                    Response response = fetch.get(URL + "/socket.io/?transport=polling");

                    assertThat(response.statusCode()).isEqualTo(400);

                    Response response2 = fetch.get(URL + "/socket.io/?EIO=abc&transport=polling");

                    assertThat(response2.statusCode()).isEqualTo(400);
                }

                @Test
                @DisplayName("should fail with an invalid 'transport' query parameter")
                void shouldFailWithAnInvalidTransportQueryParameter() throws Exception {
                    Response response = fetch.get(URL + "/socket.io/?EIO=4");

                    assertThat(response.statusCode()).isEqualTo(400);

                    Response response2 = fetch.get(URL + "/socket.io/?EIO=4&transport=abc");

                    assertThat(response2.statusCode()).isEqualTo(400);
                }

                @Test
                @DisplayName("should fail with an invalid request method")
                void shouldFailWithAnInvalidRequestMethod() throws Exception {
                    Response response = fetch.withoutBody("POST", URL + "/socket.io/?EIO=4&transport=polling");

                    assertThat(response.statusCode()).isEqualTo(400);

                    Response response2 = fetch.withoutBody("PUT", URL + "/socket.io/?EIO=4&transport=polling");

                    assertThat(response2.statusCode()).isEqualTo(400);
                }
            }

            @Nested
            @DisplayName("WebSocket")
            class OverWebSocket {

                @Test
                @DisplayName("should successfully open a session")
                void shouldSuccessfullyOpenASession() throws Exception {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                    String data = text(socket.waitForMessage());

                    assertHandshake(data);

                    socket.close();
                }

                @Test
                @DisplayName("should fail with an invalid 'EIO' query parameter")
                void shouldFailWithAnInvalidEioQueryParameter() {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?transport=websocket");

                    assertUpgradeRefused(socket);

                    SuiteWebSocket socket2 = webSocket(WS_URL + "/socket.io/?EIO=abc&transport=websocket");

                    assertUpgradeRefused(socket2);
                }

                @Test
                @DisplayName("should fail with an invalid 'transport' query parameter")
                void shouldFailWithAnInvalidTransportQueryParameter() {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4");

                    assertUpgradeRefused(socket);

                    SuiteWebSocket socket2 = webSocket(WS_URL + "/socket.io/?EIO=4&transport=abc");

                    assertUpgradeRefused(socket2);
                }
            }
        }

        @Nested
        @DisplayName("heartbeat")
        class Heartbeat {

            @Nested
            @DisplayName("HTTP long-polling")
            class OverHttpLongPolling {

                @Test
                @DisplayName("should send ping/pong packets")
                void shouldSendPingPongPackets() throws Exception {
                    String sid = initLongPollingSession();

                    for (int i = 0; i < 3; i++) {
                        Response pollResponse = fetch.get(sessionUrl(sid));

                        assertThat(pollResponse.statusCode()).isEqualTo(200);

                        assertThat(pollResponse.body()).isEqualTo("2");

                        Response pushResponse = fetch.post(sessionUrl(sid), "3");

                        assertThat(pushResponse.statusCode()).isEqualTo(200);
                    }
                }

                @Test
                @DisplayName("should close the session upon ping timeout")
                void shouldCloseTheSessionUponPingTimeout() throws Exception {
                    String sid = initLongPollingSession();

                    Thread.sleep(PING_INTERVAL + PING_TIMEOUT + TIMER_SLACK); // the behaviour under test: no pong in time

                    Response pollResponse = fetch.get(sessionUrl(sid));

                    assertThat(pollResponse.statusCode()).isEqualTo(400);
                }
            }

            @Nested
            @DisplayName("WebSocket")
            class OverWebSocket {

                @Test
                @DisplayName("should send ping/pong packets")
                void shouldSendPingPongPackets() {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                    socket.waitForMessage(); // handshake

                    for (int i = 0; i < 3; i++) {
                        assertThat(socket.waitForMessage()).isEqualTo("2");

                        socket.send("3");
                    }

                    socket.close();
                }

                @Test
                @DisplayName("should close the session upon ping timeout")
                void shouldCloseTheSessionUponPingTimeout() {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                    socket.waitForClose(); // handshake
                }
            }
        }

        @Nested
        @DisplayName("close")
        class Close {

            @Nested
            @DisplayName("HTTP long-polling")
            class OverHttpLongPolling {

                @Test
                @DisplayName("should forcefully close the session")
                void shouldForcefullyCloseTheSession() throws Exception {
                    Response pollResponse;
                    String sid;
                    try (KeepAliveConnection connection = fetch.connection(URL)) {
                        sid = initLongPollingSession(connection);

                        CompletableFuture<Response> poll = connection.getAsync(sessionUrl(sid));
                        CompletableFuture<Response> push = fetch.postAsync(sessionUrl(sid), "1");
                        pollResponse = SuiteFetch.join(poll);
                        SuiteFetch.join(push);
                    }

                    assertThat(pollResponse.statusCode()).isEqualTo(200);

                    assertThat(pollResponse.body()).isEqualTo("6");

                    Response pollResponse2 = fetch.get(sessionUrl(sid));

                    assertThat(pollResponse2.statusCode()).isEqualTo(400);
                }
            }

            @Nested
            @DisplayName("WebSocket")
            class OverWebSocket {

                @Test
                @DisplayName("should forcefully close the session")
                void shouldForcefullyCloseTheSession() {
                    SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                    socket.waitForMessage(); // handshake

                    socket.send("1");

                    socket.waitForClose();
                }
            }
        }

        @Nested
        @DisplayName("upgrade")
        class Upgrade {

            @Test
            @DisplayName("should successfully upgrade from HTTP long-polling to WebSocket")
            void shouldSuccessfullyUpgradeFromHttpLongPollingToWebSocket() throws Exception {
                String sid = initLongPollingSession();

                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);

                socket.waitForOpen();

                // send probe
                socket.send("2probe");

                assertThat(socket.waitForMessage()).isEqualTo("3probe");

                // complete upgrade
                socket.send("5");
            }

            @Test
            @DisplayName("should ignore HTTP requests with same sid after upgrade")
            void shouldIgnoreHttpRequestsWithSameSidAfterUpgrade() throws Exception {
                String sid = initLongPollingSession();

                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);

                socket.waitForOpen();
                socket.send("2probe");
                socket.send("5");

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(400);
            }

            @Test
            @DisplayName("should ignore WebSocket connection with same sid after upgrade")
            void shouldIgnoreWebSocketConnectionWithSameSidAfterUpgrade() throws Exception {
                String sid = initLongPollingSession();

                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);

                socket.waitForOpen();
                socket.send("2probe");
                socket.send("5");

                SuiteWebSocket socket2 = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket&sid=" + sid);

                socket2.waitForClose();
            }
        }
    }

    @Nested
    @DisplayName("Socket.IO protocol")
    class SocketIoProtocol {

        @Nested
        @DisplayName("connect")
        class Connect {

            @Test
            @DisplayName("should allow connection to the main namespace")
            void shouldAllowConnectionToTheMainNamespace() throws Exception {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("40");

                String data = text(socket.waitForMessage());

                assertThat(data).startsWith("40");

                assertSocketIoHandshake(data.substring(2));

                Object authPacket = socket.waitForMessage();

                assertThat(authPacket).isEqualTo("42[\"auth\",{}]");
            }

            @Test
            @DisplayName("should allow connection to the main namespace with a payload")
            void shouldAllowConnectionToTheMainNamespaceWithAPayload() throws Exception {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("40{\"token\":\"123\"}");

                String data = text(socket.waitForMessage());

                assertThat(data).startsWith("40");

                assertSocketIoHandshake(data.substring(2));

                Object authPacket = socket.waitForMessage();

                assertThat(authPacket).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
            }

            @Test
            @DisplayName("should allow connection to a custom namespace")
            void shouldAllowConnectionToACustomNamespace() throws Exception {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("40/custom,");

                String data = text(socket.waitForMessage());

                assertThat(data).startsWith("40/custom,");

                assertSocketIoHandshake(data.substring(10));

                Object authPacket = socket.waitForMessage();

                assertThat(authPacket).isEqualTo("42/custom,[\"auth\",{}]");
            }

            @Test
            @DisplayName("should allow connection to a custom namespace with a payload")
            void shouldAllowConnectionToACustomNamespaceWithAPayload() throws Exception {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("40/custom,{\"token\":\"abc\"}");

                String data = text(socket.waitForMessage());

                assertThat(data).startsWith("40/custom,");

                assertSocketIoHandshake(data.substring(10));

                Object authPacket = socket.waitForMessage();

                assertThat(authPacket).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
            }

            @Test
            @DisplayName("should disallow connection to an unknown namespace")
            void shouldDisallowConnectionToAnUnknownNamespace() {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("40/random");

                Object data = socket.waitForMessage();

                assertThat(data).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
            }

            @Test
            @DisplayName("should disallow connection with an invalid handshake")
            void shouldDisallowConnectionWithAnInvalidHandshake() {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // Engine.IO handshake

                socket.send("4abc");

                socket.waitForClose();
            }

            @Test
            @DisplayName("should close the connection if no handshake is received")
            void shouldCloseTheConnectionIfNoHandshakeIsReceived() {
                SuiteWebSocket socket = webSocket(WS_URL + "/socket.io/?EIO=4&transport=websocket");

                socket.waitForClose();
            }
        }

        @Nested
        @DisplayName("disconnect")
        class Disconnect {

            @Test
            @DisplayName("should disconnect from the main namespace")
            void shouldDisconnectFromTheMainNamespace() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("41");

                Object data = socket.waitForMessage();

                assertThat(data).isEqualTo("2");
            }

            @Test
            @DisplayName("should connect then disconnect from a custom namespace")
            void shouldConnectThenDisconnectFromACustomNamespace() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.waitForMessage(); // ping

                socket.send("40/custom");

                socket.waitForMessage(); // Socket.IO handshake
                socket.waitForMessage(); // auth packet

                socket.send("41/custom");
                socket.send("42[\"message\",\"message to main namespace\"]");

                Object data = socket.waitForMessage();

                assertThat(data).isEqualTo("42[\"message-back\",\"message to main namespace\"]");
            }
        }

        @Nested
        @DisplayName("message")
        class Message {

            @Test
            @DisplayName("should send a plain-text packet")
            void shouldSendAPlainTextPacket() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("42[\"message\",1,\"2\",{\"3\":[true]}]");

                Object data = socket.waitForMessage();

                assertThat(data).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            }

            @Test
            @DisplayName("should send a packet with binary attachments")
            void shouldSendAPacketWithBinaryAttachments() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[] {1, 2, 3});
                socket.send(new byte[] {4, 5, 6});

                List<Object> packets = socket.waitForPackets(3);

                assertThat(packets.get(0)).isEqualTo(
                        "452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertBinary(packets.get(1), 1, 2, 3);
                assertBinary(packets.get(2), 4, 5, 6);

                socket.close();
            }

            @Test
            @DisplayName("should send a plain-text packet with an ack")
            void shouldSendAPlainTextPacketWithAnAck() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");

                Object data = socket.waitForMessage();

                assertThat(data).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
            }

            @Test
            @DisplayName("should send a packet with binary attachments and an ack")
            void shouldSendAPacketWithBinaryAttachmentsAndAnAck() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},"
                        + "{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[] {1, 2, 3});
                socket.send(new byte[] {4, 5, 6});

                List<Object> packets = socket.waitForPackets(3);

                assertThat(packets.get(0)).isEqualTo(
                        "462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertBinary(packets.get(1), 1, 2, 3);
                assertBinary(packets.get(2), 4, 5, 6);

                socket.close();
            }

            @Test
            @DisplayName("should close the connection upon invalid format (unknown packet type)")
            void shouldCloseTheConnectionUponInvalidFormatUnknownPacketType() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("4abc");

                socket.waitForClose();
            }

            @Test
            @DisplayName("should close the connection upon invalid format (invalid payload format)")
            void shouldCloseTheConnectionUponInvalidFormatInvalidPayloadFormat() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("42{}");

                socket.waitForClose();
            }

            @Test
            @DisplayName("should close the connection upon invalid format (invalid ack id)")
            void shouldCloseTheConnectionUponInvalidFormatInvalidAckId() {
                SuiteWebSocket socket = initSocketIOConnection();

                socket.send("42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");

                socket.waitForClose();
            }
        }
    }
}
