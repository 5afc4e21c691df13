package io.tether.testkit.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.tether.socketio.Ack;
import io.tether.socketio.DisconnectReason;
import io.tether.socketio.EventArgs;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Namespace;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import io.tether.socketio.annotation.OnConnect;
import io.tether.socketio.annotation.OnDisconnect;
import io.tether.socketio.annotation.OnEvent;
import io.tether.socketio.annotation.SocketNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Annotated handler classes, driven through a real {@link SocketIoServer} by a client without network. The
 * handler classes are package-private, as are most of their methods, to show that such classes work.
 */
class AnnotatedHandlersTest {
    /** Awaitility, polling often: a handler may still hand its work to another thread. */
    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private SocketIoServer io;
    private InProcessClient client;
    private LogCapture logs;

    @BeforeEach
    void setUp() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        client = InProcessClient.open(io);
        logs = LogCapture.of("io.tether.socketio.AnnotatedHandlers");
    }

    @AfterEach
    void tearDown() {
        logs.close();
        io.close();
    }

    record Join(String room) {}

    record Point(int x, int y) {}

    /** Records what its methods were called with, in order. */
    static class Recorder {
        final List<String> calls = new CopyOnWriteArrayList<>();

        void awaitCall(String call) {
            eventually().untilAsserted(() -> assertThat(calls).contains(call));
        }
    }

    static class ChatHandler extends Recorder {
        @OnConnect
        void connected(Socket socket) {
            calls.add("connect " + socket.id());
        }

        @OnDisconnect
        void disconnected(Socket socket, String reason) {
            calls.add("disconnect " + socket.id() + " " + reason);
        }

        @OnEvent("join")
        void join(Socket socket, Join join) {
            calls.add("join " + (join == null ? null : join.room()));
        }

        @OnEvent("add")
        int add(int a, int b) {
            calls.add("add " + a + " " + b);
            return a + b;
        }

        @OnEvent("save")
        void save(String text, Ack ack) {
            calls.add("save " + text);
            ack.send("saved " + text);
        }

        @OnEvent("quiet")
        String quiet(Ack ack) {
            calls.add("quiet");
            return "not sent: the method takes the Ack";
        }

        @OnEvent("bin")
        int bin(String name, byte[] data) {
            calls.add("bin " + name + " " + new String(data, StandardCharsets.UTF_8));
            return data.length;
        }

        @OnEvent("boom")
        void boom() {
            calls.add("boom");
            throw new IllegalStateException("boom failed");
        }

        @OnEvent("path")
        int path(List<Point> points) {
            return points.stream().mapToInt(p -> p.x() + p.y()).sum();
        }

        @OnEvent("raw")
        String raw(JsonNode node, EventArgs args) {
            return node.getNodeType() + " of " + args.size();
        }
    }

    private ChatHandler registerChat() {
        ChatHandler handler = new ChatHandler();
        io.register(handler);
        return handler;
    }

    // ---- connect and disconnect ----

    @Test
    void callsTheConnectMethodWithTheSocket() {
        ChatHandler handler = registerChat();

        String sid = client.connect("/");

        handler.awaitCall("connect " + sid);
    }

    @Test
    void callsTheDisconnectMethodWithTheReasonWhenTheClientLeaves() {
        ChatHandler handler = registerChat();
        String sid = client.connect("/");

        client.send("41");

        handler.awaitCall("disconnect " + sid + " client namespace disconnect");
    }

    static class TypedReasonHandler extends Recorder {
        @OnDisconnect
        void disconnected(DisconnectReason reason) {
            calls.add("disconnect " + reason.name());
        }
    }

    @Test
    void givesTheDisconnectMethodTheReasonAsAnEnumWhenItTakesOne() {
        TypedReasonHandler handler = new TypedReasonHandler();
        io.register(handler);
        client.connect("/");

        client.drop();

        handler.awaitCall("disconnect TRANSPORT_CLOSE");
    }

    // ---- payload binding ----

    @Test
    void bindsAnObjectArgumentToARecord() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("42[\"join\",{\"room\":\"a\"}]");

        handler.awaitCall("join a");
    }

    @Test
    void bindsTwoPayloadParametersFromTheArgumentsInOrder() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("42[\"add\",1,2]");

        handler.awaitCall("add 1 2");
    }

    @Test
    void bindsAByteArrayFromABinaryAttachment() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("451-[\"bin\",\"greeting\",{\"_placeholder\":true,\"num\":0}]");
        client.sendBinary("hello".getBytes(StandardCharsets.UTF_8));

        handler.awaitCall("bin greeting hello");
    }

    @Test
    void bindsAGenericCollectionWithItsElementType() {
        registerChat();
        client.connect("/");

        client.send("427[\"path\",[{\"x\":1,\"y\":2},{\"x\":3,\"y\":4}]]");

        client.awaitFrame("437[10]");
    }

    @Test
    void passesAJsonNodeAsReceivedAndEventArgsWithEveryArgument() {
        registerChat();
        client.connect("/");

        client.send("421[\"raw\",[1,2],\"extra\"]");

        client.awaitFrame("431[\"ARRAY of 2\"]");
    }

    @Test
    void bindsNullForAMissingArgument() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("42[\"join\"]");

        handler.awaitCall("join null");
    }

    // ---- acknowledgements ----

    @Test
    void sendsTheReturnValueAsTheAcknowledgement() {
        registerChat();
        client.connect("/");

        client.send("421[\"add\",1,2]");

        client.awaitFrame("431[3]");
    }

    @Test
    void sendsTheReturnValueOfABinaryEventAsTheAcknowledgement() {
        registerChat();
        client.connect("/");

        client.send("451-4[\"bin\",\"greeting\",{\"_placeholder\":true,\"num\":0}]");
        client.sendBinary("hello".getBytes(StandardCharsets.UTF_8));

        client.awaitFrame("434[5]");
    }

    @Test
    void sendsNoAcknowledgementWhenTheClientAskedForNone() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("42[\"add\",1,2]");
        client.send("429[\"add\",3,4]");

        client.awaitFrame("439[7]");
        assertThat(handler.calls).contains("add 1 2");
        assertThat(client.frames()).filteredOn(f -> f.startsWith("43")).containsExactly("439[7]");
    }

    @Test
    void passesTheAckToAMethodThatTakesIt() {
        registerChat();
        client.connect("/");

        client.send("422[\"save\",\"notes\"]");

        client.awaitFrame("432[\"saved notes\"]");
    }

    @Test
    void doesNotSendTheReturnValueOfAMethodThatTakesTheAck() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("421[\"quiet\"]");
        client.send("422[\"add\",1,1]");

        client.awaitFrame("432[2]");
        assertThat(handler.calls).contains("quiet");
        assertThat(client.frames()).filteredOn(f -> f.startsWith("431")).isEmpty();
    }

    // ---- binding errors ----

    @Test
    void answersABindingErrorInTheAcknowledgementWithoutCallingTheMethod() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("421[\"join\",{\"room\":{\"nested\":true}}]");

        String frame = client.awaitFrame(f -> f.startsWith("431"));
        assertThat(frame).startsWith(
                "431[{\"error\":\"invalid arguments for event \\\"join\\\": argument 0 is not a Join: ");
        assertThat(handler.calls).noneMatch(c -> c.startsWith("join"));
    }

    @Test
    void answersAMissingPrimitiveArgumentAsABindingError() {
        ChatHandler handler = registerChat();
        client.connect("/");

        client.send("421[\"add\",1]");

        client.awaitFrame("431[{\"error\":\"invalid arguments for event \\\"add\\\":"
                + " argument 1 is missing (an int is required)\"}]");
        assertThat(handler.calls).noneMatch(c -> c.startsWith("add"));
    }

    @Test
    void answersATextArgumentForABinaryParameterAsABindingError() {
        registerChat();
        client.connect("/");

        client.send("421[\"bin\",\"greeting\",\"not binary\"]");

        client.awaitFrame("431[{\"error\":\"invalid arguments for event \\\"bin\\\":"
                + " argument 1 is not binary\"}]");
    }

    @Test
    void logsABindingErrorAsAWarningWithTheSocketAndTheEvent() {
        registerChat();
        String sid = client.connect("/");

        client.send("42[\"add\",\"one\",2]");

        eventually().untilAsserted(() -> assertThat(logs.at(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains(sid).contains("\"add\"").contains("argument 0")));
    }

    // ---- exceptions ----

    @Test
    void answersAFailedMethodWithAnInternalError() {
        registerChat();
        client.connect("/");

        client.send("421[\"boom\"]");

        client.awaitFrame("431[{\"error\":\"internal error\"}]");
    }

    @Test
    void logsTheExceptionOfAFailedMethodAsAnErrorWithTheSocketAndTheEvent() {
        registerChat();
        String sid = client.connect("/");

        client.send("42[\"boom\"]");

        eventually().untilAsserted(() -> assertThat(logs.at(Level.ERROR)).anySatisfy(e -> {
            assertThat(e.getFormattedMessage()).contains(sid).contains("\"boom\"");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("boom failed");
        }));
    }

    @Test
    void doesNotAnswerAgainWhenTheMethodFailsAfterAcknowledging() {
        class AcksThenFails {
            @OnEvent("late")
            void late(Ack ack) {
                ack.send("done");
                throw new IllegalStateException("after the ack");
            }

            @OnEvent("ping")
            String ping() {
                return "pong";
            }
        }
        io.register(new AcksThenFails());
        client.connect("/");

        client.send("421[\"late\"]");
        client.send("422[\"ping\"]");

        client.awaitFrame("432[\"pong\"]");
        assertThat(client.frames()).filteredOn(f -> f.startsWith("431")).containsExactly("431[\"done\"]");
    }

    // ---- namespaces and classes ----

    @SocketNamespace("/chat")
    static class RoomHandler extends Recorder {
        @OnConnect
        void connected(Socket socket) {
            calls.add("connect " + socket.namespace().name());
        }

        @OnEvent("join")
        String join(Join join) {
            return "joined " + join.room();
        }
    }

    @Test
    void servesTheNamespaceOfSocketNamespace() {
        RoomHandler handler = new RoomHandler();
        io.register(handler);

        client.connect("/chat");
        client.send("42/chat,1[\"join\",{\"room\":\"a\"}]");

        client.awaitFrame("43/chat,1[\"joined a\"]");
        assertThat(handler.calls).containsExactly("connect /chat");
    }

    @Test
    void doesNotServeTheMainNamespaceWhenAnotherIsNamed() {
        RoomHandler handler = new RoomHandler();
        io.register(handler);

        client.connect("/");
        client.send("421[\"join\",{\"room\":\"a\"}]");
        client.connect("/chat");

        handler.awaitCall("connect /chat");
        assertThat(handler.calls).containsExactly("connect /chat");
        assertThat(client.frames()).noneMatch(f -> f.startsWith("431"));
    }

    private static final class PrivateHandler {
        private final List<String> calls = new CopyOnWriteArrayList<>();

        @OnEvent("secret")
        private String secret(String word) {
            calls.add(word);
            return word.toUpperCase();
        }

        @OnEvent("static")
        static String constant() {
            return "static";
        }
    }

    @Test
    void callsPrivateAndStaticMethodsOfAPrivateClass() {
        io.register(new PrivateHandler());
        client.connect("/");

        client.send("421[\"secret\",\"abc\"]");
        client.send("422[\"static\"]");

        client.awaitFrame("431[\"ABC\"]");
        client.awaitFrame("432[\"static\"]");
    }

    static class BaseHandler extends Recorder {
        @OnEvent("hello")
        String hello() {
            return "base";
        }
    }

    static class DerivedHandler extends BaseHandler {
        @Override
        String hello() {
            return "derived";
        }
    }

    @Test
    void keepsTheAnnotationOfAnOverriddenMethodAndCallsTheOverride() {
        io.register(new DerivedHandler());
        client.connect("/");

        client.send("421[\"hello\"]");

        client.awaitFrame("431[\"derived\"]");
    }

    // ---- validation at registration ----

    static class UnsupportedParameter {
        @OnEvent("bad")
        void bad(Namespace namespace) {}
    }

    @Test
    void rejectsAnEventMethodWithAParameterThatCannotBeBound() {
        assertThatThrownBy(() -> io.register(new UnsupportedParameter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnsupportedParameter.bad(Namespace)")
                .hasMessageContaining("Namespace")
                .hasMessageContaining("not supported");
    }

    static class AbstractParameter {
        @OnEvent("task")
        void task(Runnable task) {}
    }

    @Test
    void rejectsAnEventMethodWithAnAbstractPayloadTypeJacksonCannotBuild() {
        assertThatThrownBy(() -> io.register(new AbstractParameter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AbstractParameter.task(Runnable)")
                .hasMessageContaining("abstract type");
    }

    static class TwoAcks {
        @OnEvent("twice")
        void twice(Ack first, Ack second) {}
    }

    @Test
    void rejectsAnEventMethodThatTakesTheAckTwice() {
        assertThatThrownBy(() -> io.register(new TwoAcks()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TwoAcks.twice(Ack, Ack)")
                .hasMessageContaining("both Ack");
    }

    static class ConnectWithPayload {
        @OnConnect
        void connected(Socket socket, String extra) {}
    }

    @Test
    void rejectsAConnectMethodWithAParameterOtherThanTheSocket() {
        assertThatThrownBy(() -> io.register(new ConnectWithPayload()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ConnectWithPayload.connected(Socket, String)")
                .hasMessageContaining("@OnConnect methods may take the Socket");
    }

    static class ReservedEvent {
        @OnEvent("disconnect")
        void disconnect() {}
    }

    @Test
    void rejectsAReservedEventName() {
        assertThatThrownBy(() -> io.register(new ReservedEvent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReservedEvent.disconnect()")
                .hasMessageContaining("reserved");
    }

    static class DuplicateEvent {
        @OnEvent("same")
        void first() {}

        @OnEvent("same")
        void second() {}
    }

    @Test
    void rejectsTwoMethodsForOneEvent() {
        assertThatThrownBy(() -> io.register(new DuplicateEvent()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DuplicateEvent.first()")
                .hasMessageContaining("DuplicateEvent.second()");
    }

    static class TwoAnnotations {
        @OnConnect
        @OnEvent("both")
        void both() {}
    }

    @Test
    void rejectsAMethodWithTwoHandlerAnnotations() {
        assertThatThrownBy(() -> io.register(new TwoAnnotations()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TwoAnnotations.both()");
    }

    @Test
    void rejectsAClassWithoutAnnotatedMethods() {
        assertThatThrownBy(() -> io.register(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object has no method annotated");
    }
}
