package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import io.tether.socketio.Namespace;
import io.tether.socketio.RemoteSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the server does to the sockets a selector picks: {@code fetchSockets} and the remote sockets it returns,
 * {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets} and {@code closeRoom}.
 */
public class ServerSideOperationsTest extends RoomsFixture {

    @Test
    void fetchSocketsReturnsIdHandshakeRoomsAndDataOfTheSelectedSockets() {
        List<Peer> all = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            IO.Options opts = options(all.size() % 2 == 0 ? "websocket" : "polling");
            opts.auth = Map.of("token", "t-" + name);
            opts.query = "user=" + name;
            all.add(peer(name, "/", client("/", opts)));
        }
        for (Peer peer : all) {
            peer.call("set-name", "name-" + peer.name);
        }
        all.get(0).join("room");
        all.get(2).join("room", "extra");

        List<RemoteSocket> found = result(socketIo.in("room").fetchSockets());

        Map<String, RemoteSocket> byId = found.stream().collect(Collectors.toMap(RemoteSocket::id, r -> r));
        assertThat(byId).containsOnlyKeys(all.get(0).id(), all.get(2).id());
        assertRemote(byId.get(all.get(0).id()), "a", all.get(0).id(), "room");
        assertRemote(byId.get(all.get(2).id()), "c", all.get(2).id(), "room", "extra");
    }

    private static void assertRemote(RemoteSocket remote, String name, String... rooms) {
        assertThat(remote.handshake().auth().get("token").asText()).isEqualTo("t-" + name);
        assertThat(remote.handshake().query()).containsEntry("user", name);
        assertThat(remote.rooms()).containsExactlyInAnyOrder(rooms);
        assertThat(remote.data()).containsExactly(Map.entry("name", "name-" + name));
    }

    @Test
    void fetchSocketsLeavesOutTheExceptedRooms() {
        List<Peer> all = peers(4);
        all.get(1).join("hidden");
        all.get(3).join("hidden");

        List<RemoteSocket> found = result(socketIo.except("hidden").fetchSockets());

        assertThat(found).extracting(RemoteSocket::id).containsExactlyInAnyOrder(all.get(0).id(), all.get(2).id());
    }

    @Test
    void fetchSocketsOfTheNamespaceReturnsEverySocket() {
        List<Peer> all = peers(3);

        List<RemoteSocket> found = result(socketIo.fetchSockets());

        assertThat(found).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Peer::id).toList());
    }

    @Test
    void socketsJoinAddsTheSelectedSocketsToARoom() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red");

        socketIo.in("red").socketsJoin("blue");
        socketIo.to("blue").emit("news");

        assertReachedOnly(all, "news", all.subList(0, 2));
        assertThat(all.get(0).server().rooms()).contains("blue");
    }

    @Test
    void socketsLeaveRemovesTheSelectedSocketsFromARoom() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red");
        all.get(2).join("red", "green");

        socketIo.in("green").socketsLeave("red");
        socketIo.to("red").emit("news");

        assertReachedOnly(all, "news", all.subList(0, 2));
        assertThat(all.get(2).server().rooms()).containsExactlyInAnyOrder(all.get(2).id(), "green");
    }

    @Test
    void disconnectSocketsDisconnectsTheSelectedSocketsOnly() {
        List<Peer> all = peers(4);
        Peer a = all.get(0);
        Peer b = all.get(1);
        a.join("kick");
        b.join("kick");
        CompletableFuture<Object[]> aDisconnected = a.nextDisconnect();
        CompletableFuture<Object[]> bDisconnected = b.nextDisconnect();

        socketIo.in("kick").disconnectSockets(false);

        assertThat(result(aDisconnected)[0]).isEqualTo("io server disconnect");
        assertThat(result(bDisconnected)[0]).isEqualTo("io server disconnect");
        List<Peer> remaining = List.of(all.get(2), all.get(3));
        markAndAwait(remaining);
        assertOnlyMarker(all.get(2), all.get(3));
        assertThat(all.get(2).client.connected()).isTrue();
        assertThat(all.get(3).client.connected()).isTrue();
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(all.get(2).id(), all.get(3).id());
        assertThat(a.events()).isEmpty();
        assertThat(b.events()).isEmpty();
    }

    @Test
    void disconnectSocketsKeepsTheOtherNamespacesOfTheSameConnection() {
        List<Peer> shared = mainAndChatOnOneConnection();
        Peer main1 = shared.get(0);
        Peer chat1 = shared.get(1);
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        main1.join("kick");
        CompletableFuture<Object[]> disconnected = main1.nextDisconnect();

        socketIo.in("kick").disconnectSockets(false);

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        markAndAwait(List.of(chat1, main2));
        assertOnlyMarker(chat1, main2);
        assertThat(chat1.client.connected()).isTrue();
        assertThat(socketIo.of("/chat").sockets()).containsKey(chat1.id());
        assertThat(main1.events()).isEmpty();
    }

    @Test
    void disconnectSocketsWithCloseEndsTheWholeConnectionOfTheSelectedSockets() {
        List<Peer> shared = mainAndChatOnOneConnection();
        Peer main1 = shared.get(0);
        Peer chat1 = shared.get(1);
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("websocket")));
        main1.join("kick");
        CompletableFuture<Object[]> mainGone = main1.nextDisconnect();
        CompletableFuture<Object[]> chatGone = chat1.nextDisconnect();

        socketIo.in("kick").disconnectSockets(true);

        assertThat(result(mainGone)[0]).isEqualTo("io server disconnect");
        assertThat(result(chatGone)[0]).isEqualTo("io server disconnect");
        await().atMost(TIMEOUT).until(() -> socketIo.engine().clientsCount() == 2);
        markAndAwait(List.of(main2, chat2));
        assertOnlyMarker(main2, chat2);
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(main2.id());
        assertThat(socketIo.of("/chat").sockets()).containsOnlyKeys(chat2.id());
    }

    @Test
    void remoteSocketEmitReachesOnlyThatClient() {
        List<Peer> all = peers(3);
        all.get(1).join("room");
        RemoteSocket b = result(socketIo.in("room").fetchSockets()).get(0);

        b.emit("direct", "via remote");

        assertReachedOnly(all, "direct", List.of(all.get(1)));
        assertThat(all.get(1).argsOf("direct")).containsExactly("via remote");
    }

    @Test
    void remoteSocketJoinAndLeaveMoveTheSocket() {
        List<Peer> all = peers(3);
        all.get(2).join("start");
        RemoteSocket c = result(socketIo.in("start").fetchSockets()).get(0);

        c.join("blue");
        c.leave("start");
        socketIo.to("blue").emit("blue-news");
        socketIo.to("start").emit("start-news");

        assertReachedOnly(all, "blue-news", List.of(all.get(2)));
        assertThat(all.get(2).server().rooms()).containsExactlyInAnyOrder(all.get(2).id(), "blue");
    }

    @Test
    void remoteSocketDisconnectDisconnectsThatClientOnly() {
        List<Peer> all = peers(3);
        Peer a = all.get(0);
        CompletableFuture<Object[]> disconnected = a.nextDisconnect();
        RemoteSocket remote = result(socketIo.fetchSockets()).stream().filter(r -> r.id().equals(a.id()))
                .findFirst().orElseThrow();

        remote.disconnect(false);

        assertThat(result(disconnected)[0]).isEqualTo("io server disconnect");
        markAndAwait(all.subList(1, 3));
        assertOnlyMarker(all.get(1), all.get(2));
        assertThat(socketIo.sockets().sockets()).containsOnlyKeys(all.get(1).id(), all.get(2).id());
    }

    @Test
    void closeRoomDeliversTheLastBroadcastThenEveryMemberLeaves() {
        List<Peer> all = peers(4);
        List<Peer> members = all.subList(0, 3);
        members.forEach(m -> m.join("doomed"));
        Namespace main = socketIo.sockets();

        socketIo.to("doomed").emit("closing", "bye");
        main.closeRoom("doomed");
        socketIo.to("doomed").emit("after-close");

        assertReachedOnly(all, "closing", members);
        for (Peer member : members) {
            assertThat(member.server().rooms()).containsExactly(member.id());
        }
        assertThat(main.adapter().rooms()).doesNotContain("doomed");
    }
}
