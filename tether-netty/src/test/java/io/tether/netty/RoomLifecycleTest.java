package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tether.socketio.Namespace;
import io.tether.socketio.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The life of rooms: the created, joined, left and deleted events and their order, rooms joined in a namespace
 * middleware, the join and leave pattern hooks, and handlers for events sent from matching rooms.
 */
public class RoomLifecycleTest extends RoomsFixture {

    @Test
    void onRoomCreatedFiresOnceWhenTheFirstSocketJoins() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomCreated(room -> seen.add(room));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party");
        assertThat(seen).contains(ab.get(0).id(), ab.get(1).id()); // each socket's own room, on connect
    }

    @Test
    void onRoomJoinedFiresWithRoomAndSocketIdForEachJoin() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomJoined((room, id) -> seen.add(room + " " + id));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party " + ab.get(0).id(), "party " + ab.get(1).id());
    }

    @Test
    void onRoomLeftFiresWithRoomAndSocketIdForEachLeave() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomLeft((room, id) -> seen.add(room + " " + id));

        List<Peer> ab = roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party " + ab.get(0).id(), "party " + ab.get(1).id());
    }

    @Test
    void onRoomDeletedFiresOnceWhenTheLastSocketLeaves() {
        List<String> seen = new CopyOnWriteArrayList<>();
        socketIo.sockets().onRoomDeleted(room -> seen.add(room));

        roomLifecycle("party");

        assertThat(forRoom(seen, "party")).containsExactly("party");
    }

    @Test
    void roomLifecycleListenersFireInNodeOrder() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace main = socketIo.sockets();
        main.onRoomCreated(room -> seen.add("created " + room));
        main.onRoomJoined((room, id) -> seen.add("joined " + room + " " + id));
        main.onRoomLeft((room, id) -> seen.add("left " + room + " " + id));
        main.onRoomDeleted(room -> seen.add("deleted " + room));

        List<Peer> ab = roomLifecycle("party");

        String a = ab.get(0).id();
        String b = ab.get(1).id();
        assertThat(seen.stream().filter(e -> e.contains(" party")).toList()).containsExactly(
                "created party", "joined party " + a, "joined party " + b, "left party " + a, "left party " + b,
                "deleted party");
    }

    @Test
    void onRoomDeletedIsNotReportedAfterAConcurrentJoinCreatedTheRoomAgain() {
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> leaving = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Namespace main = socketIo.sockets();
        main.onRoomCreated(room -> {
            if (room.equals("arena")) {
                lifecycle.add("created");
            }
        });
        main.onRoomDeleted(room -> {
            if (room.equals("arena")) {
                lifecycle.add("deleted");
            }
        });
        List<Peer> ab = peers(2);
        Peer a = ab.get(0);
        Peer b = ab.get(1);
        a.join("arena");
        // a listener that takes its time (a database write, say), while the last member leaves
        main.onRoomLeft((room, id) -> {
            if (room.equals("arena") && id.equals(a.id())) {
                leaving.complete(null);
                release.completeOnTimeout(null, TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .join();
            }
        });
        CompletableFuture<Object[]> left = new CompletableFuture<>();
        a.client.emit("leave", new Object[] {"arena"}, left::complete);
        result(leaving);

        Socket bServer = b.server();
        CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> bServer.join("arena"));
        // an implementation that orders room events may hold the join until the leave is done: wait a little only
        joined.copy().completeOnTimeout(null, 500, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        release.complete(null);
        result(joined);
        result(left);

        // in Node (one thread) the events come as the membership changed: created, deleted, created
        assertThat(main.adapter().rooms()).contains("arena");
        assertThat(lifecycle).containsExactly("created", "deleted", "created");
    }

    @Test
    void disconnectingSocketLeavesItsRoomsFiringOnRoomLeftAndOnRoomDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace main = socketIo.sockets();
        main.onRoomLeft((room, id) -> seen.add("left " + room + " " + id));
        main.onRoomDeleted(room -> seen.add("deleted " + room));
        Peer a = peers(1).get(0);
        String id = a.id();
        a.join("solo");

        a.client.disconnect();

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seen).contains("deleted solo"));
        assertThat(seen).containsExactlyInAnyOrder("left solo " + id, "deleted solo", "left " + id + " " + id,
                "deleted " + id);
        assertThat(main.adapter().rooms()).doesNotContain("solo", id);
    }

    @Test
    void roomsJoinedInAnAcceptingNamespaceMiddlewareAreKeptOnceConnected() {
        Namespace vip = socketIo.of("/vip");
        vip.use((socket, next) -> {
            socket.join("members");
            next.accept();
        });
        Peer a = peer("a", "/vip", client("/vip", options("websocket")));
        Peer b = peer("b", "/vip", client("/vip", options("polling")));

        vip.to("members").emit("news");

        assertReachedOnly(List.of(a, b), "news", List.of(a, b));
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "members");
    }

    @Test
    void roomsJoinedInANamespaceMiddlewareAreLeftWhenTheMiddlewareRejectsTheSocket() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace vip = socketIo.of("/vip");
        vip.onRoomLeft((room, id) -> seen.add("left " + room));
        vip.onRoomDeleted(room -> seen.add("deleted " + room));
        vip.use((socket, next) -> {
            socket.join("waiting-room");
            next.reject("not allowed");
        });
        io.socket.client.Socket client = client("/vip", options("websocket"));
        CompletableFuture<Object[]> refused = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, completing(refused));

        client.connect();

        assertThat(result(refused)[0].toString()).contains("not allowed");
        // Node's Namespace._add calls socket._cleanup() (leaveAll) before sending the CONNECT_ERROR
        await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(vip.adapter().rooms()).doesNotContain("waiting-room");
            assertThat(seen).containsExactly("left waiting-room", "deleted waiting-room");
        });
    }

    @Test
    void roomsJoinedInANamespaceMiddlewareAreLeftWhenTheClientIsGoneBeforeItAccepts() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Namespace vip = socketIo.of("/vip");
        vip.onRoomDeleted(room -> seen.add("deleted " + room));
        CompletableFuture<io.tether.socketio.NamespaceMiddleware.Next> pending = new CompletableFuture<>();
        vip.use((socket, next) -> {
            socket.join("waiting-room");
            pending.complete(next);
        });
        io.socket.client.Socket client = client("/vip", options("websocket"));
        client.connect();
        io.tether.socketio.NamespaceMiddleware.Next next = result(pending);

        client.close();
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 0);
        next.accept();

        // Node's Namespace._add calls socket._cleanup() (leaveAll) when the connection closed meanwhile
        await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(vip.adapter().rooms()).doesNotContain("waiting-room");
            assertThat(seen).contains("deleted waiting-room");
        });
        assertThat(vip.sockets()).isEmpty();
    }

    @Test
    void onJoinPatternHookFiresForMatchingRoomsOnly() {
        List<String> hooked = new CopyOnWriteArrayList<>();
        socketIo.sockets().onJoin(Pattern.compile("^game-"),
                (socket, room) -> hooked.add(room + " " + socket.id()));
        Peer a = peers(1).get(0);

        a.join("chat-1");
        a.join("game-1");
        a.join("my-game-2");

        assertThat(hooked).containsExactly("game-1 " + a.id());
    }

    @Test
    void onLeavePatternHookFiresForMatchingRoomsOnly() {
        List<String> hooked = new CopyOnWriteArrayList<>();
        socketIo.sockets().onLeave(Pattern.compile("^game-"),
                (socket, room) -> hooked.add(room + " " + socket.id()));
        Peer a = peers(1).get(0);
        a.join("chat-1", "game-1");

        a.leave("chat-1");
        a.leave("game-1");

        assertThat(hooked).containsExactly("game-1 " + a.id());
    }

    @Test
    void onEventInRoomsRunsOncePerMatchingRoomOfTheSender() {
        List<String> handled = new CopyOnWriteArrayList<>();
        socketIo.sockets().onEventInRooms(Pattern.compile("^chat-"), "msg",
                (socket, room, args, ack) -> handled.add(socket.id() + " " + room + " " + args.text(0)));
        Peer a = peers(1).get(0);
        a.join("chat-1", "chat-2", "lobby");

        a.client.emit("msg", "hi");
        a.call("sync");

        assertThat(handled).containsExactlyInAnyOrder(a.id() + " chat-1 hi", a.id() + " chat-2 hi");
    }

    @Test
    void onEventInRoomsDoesNotRunForASenderInNoMatchingRoom() {
        List<String> handled = new CopyOnWriteArrayList<>();
        socketIo.sockets().onEventInRooms(Pattern.compile("^chat-"), "msg",
                (socket, room, args, ack) -> handled.add(socket.id() + " " + room));
        List<Peer> all = peers(2);
        Peer outsider = all.get(0);
        Peer member = all.get(1);
        outsider.join("lobby", "my-chat-1");
        member.join("chat-1");

        outsider.client.emit("msg", "hi");
        outsider.client.emit("other", "hi");
        outsider.call("sync");
        member.client.emit("other", "hi");
        member.call("sync");

        assertThat(handled).isEmpty();
    }

    /** a joins a new room, b joins it, a leaves, b leaves; each step acknowledged by the server. */
    private List<Peer> roomLifecycle(String room) {
        List<Peer> ab = peers(2);
        ab.get(0).join(room);
        ab.get(1).join(room);
        ab.get(0).leave(room);
        ab.get(1).leave(room);
        return ab;
    }

    private static List<String> forRoom(List<String> events, String room) {
        return events.stream().filter(e -> e.equals(room) || e.startsWith(room + " ")).toList();
    }
}
