package io.tether.conformance;

import static io.tether.conformance.SuiteAssertions.PING_INTERVAL;
import static io.tether.conformance.SuiteAssertions.PING_TIMEOUT;
import static io.tether.conformance.SuiteAssertions.TIMER_SLACK;
import static io.tether.conformance.SuiteAssertions.assertHandshake;
import static io.tether.conformance.SuiteAssertions.assertUpgradeRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.tether.conformance.SuiteFetch.KeepAliveConnection;
import io.tether.conformance.SuiteFetch.Response;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official engine.io-protocol test suite ({@code test-suite.js}), case by case, against
 * {@link ConformanceFixture}'s bare Engine.IO echo server at {@code /engine.io/}: same requests, same
 * assertions, so CI checks them without Node.
 *
 * <p>Two differences of the clients show. The JS {@code WebSocket} delivers an event only to the listeners
 * attached when it is dispatched; {@link SuiteWebSocket} queues every message, so where a case never listens
 * for a message the server sends (the answer to an upgrade probe), the test takes it, and checks it, before
 * the one the suite waits for. And where a case sends a GET and a POST at once, the GET goes on a
 * {@link SuiteFetch.KeepAliveConnection}, so that it is written first, as node-fetch does.
 */
@DisplayName("Engine.IO protocol")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineIoProtocolSuiteTest extends ProtocolSuiteFixture {

    private static String initLongPollingSession() throws IOException {
        return sidOf(fetch.get(URL + "/engine.io/?EIO=4&transport=polling"));
    }

    /** initLongPollingSession() on a connection of its own, for a case that then sends a GET and a POST at once. */
    private static String initLongPollingSession(KeepAliveConnection connection) throws IOException {
        return sidOf(connection.get(URL + "/engine.io/?EIO=4&transport=polling"));
    }

    private static String sidOf(Response response) throws IOException {
        return SuiteAssertions.sidOf(response.body());
    }

    private static String sessionUrl(String sid) {
        return URL + "/engine.io/?EIO=4&transport=polling&sid=" + sid;
    }

    @Nested
    @DisplayName("handshake")
    class Handshake {

        @Nested
        @DisplayName("HTTP long-polling")
        class OverHttpLongPolling {

            @Test
            @DisplayName("successfully opens a session")
            void successfullyOpensASession() throws Exception {
                Response response = fetch.get(URL + "/engine.io/?EIO=4&transport=polling");

                assertThat(response.statusCode()).isEqualTo(200);

                assertHandshake(response.body(), "websocket");
            }

            @Test
            @DisplayName("fails with an invalid 'EIO' query parameter")
            void failsWithAnInvalidEioQueryParameter() throws Exception {
                Response response = fetch.get(URL + "/engine.io/?transport=polling");

                assertThat(response.statusCode()).isEqualTo(400);

                Response response2 = fetch.get(URL + "/engine.io/?EIO=abc&transport=polling");

                assertThat(response2.statusCode()).isEqualTo(400);
            }

            @Test
            @DisplayName("fails with an invalid 'transport' query parameter")
            void failsWithAnInvalidTransportQueryParameter() throws Exception {
                Response response = fetch.get(URL + "/engine.io/?EIO=4");

                assertThat(response.statusCode()).isEqualTo(400);

                Response response2 = fetch.get(URL + "/engine.io/?EIO=4&transport=abc");

                assertThat(response2.statusCode()).isEqualTo(400);
            }

            @Test
            @DisplayName("fails with an invalid request method")
            void failsWithAnInvalidRequestMethod() throws Exception {
                Response response = fetch.withoutBody("POST", URL + "/engine.io/?EIO=4&transport=polling");

                assertThat(response.statusCode()).isEqualTo(400);

                Response response2 = fetch.withoutBody("PUT", URL + "/engine.io/?EIO=4&transport=polling");

                assertThat(response2.statusCode()).isEqualTo(400);
            }
        }

        @Nested
        @DisplayName("WebSocket")
        class OverWebSocket {

            @Test
            @DisplayName("successfully opens a session")
            void successfullyOpensASession() throws Exception {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

                Object data = socket.waitForMessage();

                assertThat(data).isInstanceOf(String.class);
                assertHandshake((String) data);

                socket.close();
            }

            @Test
            @DisplayName("fails with an invalid 'EIO' query parameter")
            void failsWithAnInvalidEioQueryParameter() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?transport=websocket");

                assertUpgradeRefused(socket);

                SuiteWebSocket socket2 = webSocket(WS_URL + "/engine.io/?EIO=abc&transport=websocket");

                assertUpgradeRefused(socket2);
            }

            @Test
            @DisplayName("fails with an invalid 'transport' query parameter")
            void failsWithAnInvalidTransportQueryParameter() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4");

                assertUpgradeRefused(socket);

                SuiteWebSocket socket2 = webSocket(WS_URL + "/engine.io/?EIO=4&transport=abc");

                assertUpgradeRefused(socket2);
            }
        }
    }

    @Nested
    @DisplayName("message")
    class Message {

        @Nested
        @DisplayName("HTTP long-polling")
        class OverHttpLongPolling {

            @Test
            @DisplayName("sends and receives a payload containing one plain text packet")
            void sendsAndReceivesAPayloadContainingOnePlainTextPacket() throws Exception {
                String sid = initLongPollingSession();

                Response pushResponse = fetch.post(sessionUrl(sid), "4hello");

                assertThat(pushResponse.statusCode()).isEqualTo(200);

                assertThat(pushResponse.body()).isEqualTo("ok");

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(200);

                assertThat(pollResponse.body()).isEqualTo("4hello");
            }

            @Test
            @DisplayName("sends and receives a payload containing several plain text packets")
            void sendsAndReceivesAPayloadContainingSeveralPlainTextPackets() throws Exception {
                String sid = initLongPollingSession();

                Response pushResponse = fetch.post(sessionUrl(sid), "4test1\u001e4test2\u001e4test3");

                assertThat(pushResponse.statusCode()).isEqualTo(200);

                assertThat(pushResponse.body()).isEqualTo("ok");

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(200);

                assertThat(pollResponse.body()).isEqualTo("4test1\u001e4test2\u001e4test3");
            }

            @Test
            @DisplayName("sends and receives a payload containing plain text and binary packets")
            void sendsAndReceivesAPayloadContainingPlainTextAndBinaryPackets() throws Exception {
                String sid = initLongPollingSession();

                Response pushResponse = fetch.post(sessionUrl(sid), "4hello\u001ebAQIDBA==");

                assertThat(pushResponse.statusCode()).isEqualTo(200);

                assertThat(pushResponse.body()).isEqualTo("ok");

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(200);

                assertThat(pollResponse.body()).isEqualTo("4hello\u001ebAQIDBA==");
            }

            @Test
            @DisplayName("closes the session upon invalid packet format")
            void closesTheSessionUponInvalidPacketFormat() throws Exception {
                String sid = initLongPollingSession();

                try {
                    Response pushResponse = fetch.post(sessionUrl(sid), "abc");

                    assertThat(pushResponse.statusCode()).isEqualTo(400);
                } catch (IOException e) {
                    // node-fetch throws when the request is closed abnormally (but a request left unanswered fails)
                    assertThat(e).isNotInstanceOf(HttpTimeoutException.class);
                }

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(400);
            }

            @Test
            @DisplayName("closes the session upon duplicate poll requests")
            void closesTheSessionUponDuplicatePollRequests() throws Exception {
                Response pollResponse0;
                Response pollResponse1;
                String sid;
                try (KeepAliveConnection connection = fetch.connection(URL)) {
                    sid = initLongPollingSession(connection);

                    CompletableFuture<Response> first = connection.getAsync(sessionUrl(sid));
                    Thread.sleep(5); // sleep(5), as the suite
                    CompletableFuture<Response> second = fetch.getAsync(sessionUrl(sid) + "&t=burst");
                    pollResponse0 = SuiteFetch.join(first);
                    pollResponse1 = SuiteFetch.join(second);
                }

                assertThat(pollResponse0.statusCode()).isEqualTo(200);

                assertThat(pollResponse0.body()).isEqualTo("1");

                // the Node.js implementation uses HTTP 500 (Internal Server Error), but HTTP 400 seems more suitable
                assertThat(pollResponse1.statusCode()).isIn(400, 500);

                Response pollResponse = fetch.get(sessionUrl(sid));

                assertThat(pollResponse.statusCode()).isEqualTo(400);
            }
        }

        @Nested
        @DisplayName("WebSocket")
        class OverWebSocket {

            @Test
            @DisplayName("sends and receives a plain text packet")
            void sendsAndReceivesAPlainTextPacket() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

                socket.waitForOpen();

                socket.waitForMessage(); // handshake

                socket.send("4hello");

                assertThat(socket.waitForMessage()).isEqualTo("4hello");

                socket.close();
            }

            @Test
            @DisplayName("sends and receives a binary packet")
            void sendsAndReceivesABinaryPacket() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // handshake

                socket.send(new byte[] {1, 2, 3, 4});

                Object data = socket.waitForMessage();

                assertThat(data).isInstanceOf(byte[].class);
                assertThat((byte[]) data).containsExactly(1, 2, 3, 4);

                socket.close();
            }

            @Test
            @DisplayName("closes the session upon invalid packet format")
            void closesTheSessionUponInvalidPacketFormat() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // handshake

                socket.send("abc");

                socket.waitForClose();

                socket.close();
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
            @DisplayName("sends ping/pong packets")
            void sendsPingPongPackets() throws Exception {
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
            @DisplayName("closes the session upon ping timeout")
            void closesTheSessionUponPingTimeout() throws Exception {
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
            @DisplayName("sends ping/pong packets")
            void sendsPingPongPackets() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

                socket.waitForMessage(); // handshake

                for (int i = 0; i < 3; i++) {
                    assertThat(socket.waitForMessage()).isEqualTo("2");

                    socket.send("3");
                }

                socket.close();
            }

            @Test
            @DisplayName("closes the session upon ping timeout")
            void closesTheSessionUponPingTimeout() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

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
            @DisplayName("forcefully closes the session")
            void forcefullyClosesTheSession() throws Exception {
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
            @DisplayName("forcefully closes the session")
            void forcefullyClosesTheSession() {
                SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket");

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
        @DisplayName("successfully upgrades from HTTP long-polling to WebSocket")
        void successfullyUpgradesFromHttpLongPollingToWebSocket() throws Exception {
            String sid = initLongPollingSession();

            SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket&sid=" + sid);

            socket.waitForOpen();

            // send probe
            socket.send("2probe");

            assertThat(socket.waitForMessage()).isEqualTo("3probe");

            Response pollResponse = fetch.get(sessionUrl(sid));

            assertThat(pollResponse.statusCode()).isEqualTo(200);

            assertThat(pollResponse.body()).isEqualTo("6"); // "noop" packet to cleanly end the HTTP long-polling request

            // complete upgrade
            socket.send("5");

            socket.send("4hello");

            assertThat(socket.waitForMessage()).isEqualTo("4hello");
        }

        @Test
        @DisplayName("ignores HTTP requests with same sid after upgrade")
        void ignoresHttpRequestsWithSameSidAfterUpgrade() throws Exception {
            String sid = initLongPollingSession();

            SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket&sid=" + sid);

            socket.waitForOpen();
            socket.send("2probe");
            socket.send("5");

            Response pollResponse = fetch.get(sessionUrl(sid));

            assertThat(pollResponse.statusCode()).isEqualTo(400);

            socket.send("4hello");

            // the answer to the probe, which the suite's JS WebSocket drops (no listener yet), is queued here
            assertThat(socket.waitForMessage()).isEqualTo("3probe");
            assertThat(socket.waitForMessage()).isEqualTo("4hello");
        }

        @Test
        @DisplayName("ignores WebSocket connection with same sid after upgrade")
        void ignoresWebSocketConnectionWithSameSidAfterUpgrade() throws Exception {
            String sid = initLongPollingSession();

            SuiteWebSocket socket = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket&sid=" + sid);

            socket.waitForOpen();
            socket.send("2probe");
            socket.send("5");

            SuiteWebSocket socket2 = webSocket(WS_URL + "/engine.io/?EIO=4&transport=websocket&sid=" + sid);

            socket2.waitForClose();

            socket.send("4hello");

            // the answer to the probe, which the suite's JS WebSocket drops (no listener yet), is queued here
            assertThat(socket.waitForMessage()).isEqualTo("3probe");
            assertThat(socket.waitForMessage()).isEqualTo("4hello");
        }
    }
}
