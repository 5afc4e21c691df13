package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.socketio.AnyListener;
import io.tether.socketio.EventHandler;
import io.tether.socketio.Socket;
import io.tether.socketio.annotation.OnConnect;
import io.tether.socketio.annotation.OnEvent;
import io.tether.socketio.annotation.SocketNamespace;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Server-side handler features end to end with the official Java client: catch-all listeners both ways,
 * removing handlers, per-socket data, typed payload binding and its errors, annotated handler classes, and
 * handlers that throw.
 */
class HandlersTest extends JavaClientTestSupport {

    /** Sends an event with an acknowledgement and waits for the answer. */
    private static Object[] call(io.socket.client.Socket client, String event, Object... args) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        client.emit(event, args, answer::complete);
        return result(answer);
    }

    // ---- onAny / offAny ----

    @Test
    void onAnySeesEveryIncomingEventWithItsArgsBeforeTheHandler() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.onAny((event, args) -> seen.add("any " + event + " " + args));
            socket.on("move", (args, ack) -> seen.add("handler move"));
            socket.on("sync", (args, ack) -> {
                seen.add("handler sync");
                ack.send();
            });
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("move", new JSONObject().put("x", 1), "fast");
        client.emit("nobody-listens", 42);
        call(client, "sync");

        assertThat(seen).containsExactly(
                "any move [{\"x\":1}, \"fast\"]",
                "handler move",
                "any nobody-listens [42]",
                "any sync []",
                "handler sync");
    }

    /**
     * Node's socket.io 4.8 calls the {@code onAny} listeners in {@code Socket#onevent}, before the packet
     * middlewares run ({@code dispatch} → {@code run}): a catch-all listener sees an event that a
     * {@code socket.use} middleware then refuses.
     */
    @Test
    void onAnySeesAnEventThatAPacketMiddlewareRefuses() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Exception> refused = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.use((event, args, next) -> {
                if (event.equals("forbidden")) {
                    next.reject(new IllegalStateException("unauthorized event"));
                } else {
                    next.accept();
                }
            });
            socket.onError(refused::complete);
            socket.onAny((event, args) -> seen.add(event));
            socket.on("sync", (args, ack) -> ack.send());
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("forbidden", "x");
        call(client, "sync");

        assertThat(result(refused)).hasMessage("unauthorized event");
        assertThat(seen).containsExactly("forbidden", "sync");
    }

    @Test
    void offAnyRemovesTheCatchAllListener() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            AnyListener listener = (event, args) -> seen.add(event);
            socket.onAny(listener);
            socket.on("stop-listening", (args, ack) -> socket.offAny(listener));
            socket.on("sync", (args, ack) -> ack.send());
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("before");
        client.emit("stop-listening");
        client.emit("after");
        call(client, "sync");

        assertThat(seen).containsExactly("before", "stop-listening");
    }

    // ---- onAnyOutgoing ----

    @Test
    void onAnyOutgoingSeesSocketEmit() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.onAnyOutgoing((event, args) -> sent.add(event + " " + args));
            socket.on("hello", (args, ack) -> socket.emit("greeting", "hi", 2));
        }));
        io.socket.client.Socket client = connected(options("websocket"));
        CompletableFuture<Object[]> greeting = new CompletableFuture<>();
        client.once("greeting", greeting::complete);

        client.emit("hello");

        assertThat(result(greeting)).containsExactly("hi", 2);
        assertThat(sent).containsExactly("greeting [\"hi\", 2]");
    }

    @Test
    void onAnyOutgoingSeesBroadcastsSentToTheSocket() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        CompletableFuture<Socket> ready = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.onAnyOutgoing((event, args) -> sent.add(event + " " + args));
            ready.complete(socket);
        }));
        io.socket.client.Socket client = connected(options("websocket"));
        CompletableFuture<Object[]> news = new CompletableFuture<>();
        client.once("news", news::complete);
        result(ready);

        socketIo.emit("news", "to everyone");

        assertThat(result(news)).containsExactly("to everyone");
        assertThat(sent).containsExactly("news [\"to everyone\"]");
    }

    @Test
    void onAnyOutgoingDoesNotSeeAcknowledgements() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.onAnyOutgoing((event, args) -> sent.add(event));
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        assertThat(call(client, "echo", "ping")).containsExactly("ping");

        assertThat(sent).isEmpty();
    }

    @Test
    void offAnyOutgoingRemovesTheOutgoingListener() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            AnyListener listener = (event, args) -> sent.add(event);
            socket.onAnyOutgoing(listener);
            socket.on("twice", (args, ack) -> {
                socket.emit("first");
                socket.offAnyOutgoing(listener);
                socket.emit("second");
                ack.send();
            });
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        call(client, "twice");

        assertThat(sent).containsExactly("first");
    }

    // ---- off ----

    @Test
    void offEventRemovesAllItsHandlers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.on("tick", (args, ack) -> calls.incrementAndGet());
            socket.on("tick", (args, ack) -> calls.incrementAndGet());
            socket.on("unsubscribe", (args, ack) -> socket.off("tick"));
            socket.on("sync", (args, ack) -> ack.send());
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("tick");
        client.emit("unsubscribe");
        client.emit("tick");
        call(client, "sync");

        assertThat(calls).hasValue(2);
    }

    @Test
    void offEventAndHandlerRemovesOnlyThatHandler() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        startDefault(sio -> sio.onConnection(socket -> {
            EventHandler first = (args, ack) -> calls.add("first " + args.text(0));
            socket.on("tick", first);
            socket.on("tick", (args, ack) -> calls.add("second " + args.text(0)));
            socket.on("drop-first", (args, ack) -> socket.off("tick", first));
            socket.on("sync", (args, ack) -> ack.send());
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("tick", 1);
        client.emit("drop-first");
        client.emit("tick", 2);
        call(client, "sync");

        assertThat(calls).containsExactly("first 1", "second 1", "second 2");
    }

    // ---- socket.data() ----

    /** A server whose sockets remember a name ("set-name") and tell it ("get-name"). */
    private void startWithNames() {
        startDefault(sio -> sio.onConnection(socket -> {
            socket.on("set-name", (args, ack) -> {
                socket.data().put("name", args.text(0));
                ack.send();
            });
            socket.on("get-name", (args, ack) -> ack.send(socket.data().getOrDefault("name", "nobody")));
        }));
    }

    @Test
    void socketDataSurvivesBetweenEventsOfOneSocket() throws Exception {
        startWithNames();
        io.socket.client.Socket client = connected(options("websocket"));

        call(client, "set-name", "alice");

        assertThat(call(client, "get-name")).containsExactly("alice");
    }

    @Test
    void socketDataIsKeptPerSocket() throws Exception {
        startWithNames();
        io.socket.client.Socket alice = connected(options("websocket"));
        io.socket.client.Socket bob = connected(options("polling"));

        call(alice, "set-name", "alice");
        call(bob, "set-name", "bob");

        assertThat(call(alice, "get-name")).containsExactly("alice");
        assertThat(call(bob, "get-name")).containsExactly("bob");
        assertThat(call(connected(options("websocket")), "get-name")).containsExactly("nobody");
    }

    // ---- typed handlers ----

    record Join(String room) { }

    record Item(String name, int quantity) { }

    /** A plain class with a nested list, bound by Jackson through its fields. */
    static final class Order {
        public String id;
        public List<Item> items;
    }

    @Test
    void typedHandlerBindsARecordPayload() throws Exception {
        CompletableFuture<Join> joined = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> socket.on("join", Join.class, joined::complete)));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("join", new JSONObject().put("room", "lobby"));

        assertThat(result(joined)).isEqualTo(new Join("lobby"));
    }

    @Test
    void typedHandlerBindsAClassWithANestedList() throws Exception {
        CompletableFuture<Order> ordered = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> socket.on("order", Order.class, ordered::complete)));
        io.socket.client.Socket client = connected(options("websocket"));
        JSONArray items = new JSONArray()
                .put(new JSONObject().put("name", "tea").put("quantity", 2))
                .put(new JSONObject().put("name", "cake").put("quantity", 1));

        client.emit("order", new JSONObject().put("id", "o-17").put("items", items));

        Order order = result(ordered);
        assertThat(order.id).isEqualTo("o-17");
        assertThat(order.items).containsExactly(new Item("tea", 2), new Item("cake", 1));
    }

    @Test
    void typedHandlerAnswersItsAck() throws Exception {
        startDefault(sio -> sio.onConnection(socket -> socket.on("join", Join.class,
                (join, ack) -> ack.send("joined " + join.room()))));
        io.socket.client.Socket client = connected(options("websocket"));

        assertThat(call(client, "join", new JSONObject().put("room", "lobby"))).containsExactly("joined lobby");
    }

    @Test
    void bindingErrorAnswersTheAckWithAnErrorAndKeepsTheConnectionUsable() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        startDefault(sio -> sio.onConnection(socket -> socket.on("join", Join.class, (join, ack) -> {
            handled.incrementAndGet();
            ack.send("joined " + join.room());
        })));
        io.socket.client.Socket client = connected(options("websocket"));

        Object[] answer = call(client, "join", "not a join request");

        assertThat(answer).hasSize(1);
        assertThat(answer[0]).isInstanceOf(JSONObject.class);
        assertThat(((JSONObject) answer[0]).getString("error")).contains("invalid payload for \"join\"");
        assertThat(handled).hasValue(0);
        assertThat(call(client, "join", new JSONObject().put("room", "after"))).containsExactly("joined after");
        assertThat(client.connected()).isTrue();
    }

    // ---- annotated handler classes ----

    @SocketNamespace("/annotated")
    static final class ChatHandlers {
        @OnConnect
        void connected(Socket socket) {
            socket.emit("welcome", "welcome to " + socket.namespace().name());
        }

        @OnEvent("add")
        int add(int a, int b) {
            return a + b;
        }
    }

    @Test
    void annotatedOnConnectEmitsWelcome() throws Exception {
        startDefault(sio -> sio.register(new ChatHandlers()));
        io.socket.client.Socket client = client("/annotated", options("websocket"));
        CompletableFuture<Object[]> welcome = new CompletableFuture<>();
        client.once("welcome", welcome::complete);

        connect(client);

        assertThat(result(welcome)).containsExactly("welcome to /annotated");
    }

    @Test
    void annotatedOnEventReturnValueIsTheAck() throws Exception {
        startDefault(sio -> sio.register(new ChatHandlers()));
        io.socket.client.Socket client = connect(client("/annotated", options()));

        assertThat(call(client, "add", 2, 40)).containsExactly(42);
    }

    // ---- failing handlers ----

    @Test
    void handlerThatThrowsDoesNotKillTheConnection() throws Exception {
        CompletableFuture<String> reason = new CompletableFuture<>();
        startDefault(sio -> sio.onConnection(socket -> {
            socket.on("boom", (args, ack) -> {
                throw new IllegalStateException("handler bug");
            });
            socket.on("echo", (args, ack) -> ack.send(args.toArray()));
            socket.onDisconnect(r -> reason.complete(r.wireName()));
        }));
        io.socket.client.Socket client = connected(options("websocket"));

        client.emit("boom");

        assertThat(call(client, "echo", "still alive")).containsExactly("still alive");
        assertThat(client.connected()).isTrue();
        assertThat(reason).isNotDone();
    }
}
