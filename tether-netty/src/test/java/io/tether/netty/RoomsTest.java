package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tether.socketio.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rooms of a socket: its own room, join, leave, and what the server handler sees. */
public class RoomsTest extends RoomsFixture {

    @Test
    void everySocketStartsInARoomNamedByItsId() {
        List<Peer> all = peers(4);

        for (Peer peer : all) {
            assertThat(peer.server().rooms()).containsExactly(peer.id());
            assertThat(peer.roomsSeenByServerHandler()).containsExactly(peer.id());
        }
    }

    @Test
    void socketJoinsOneRoom() {
        Peer a = peers(1).get(0);

        Set<String> rooms = a.join("lobby");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "lobby");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "lobby");
        assertThat(socketIo.sockets().adapter().sockets(Set.of("lobby"))).containsExactly(a.id());
    }

    @Test
    void socketJoinsManyRoomsAtOnce() {
        Peer a = peers(1).get(0);

        Set<String> rooms = a.join("r1", "r2", "r3");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "r1", "r2", "r3");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "r1", "r2", "r3");
    }

    @Test
    void joiningARoomTwiceKeepsTheSocketInItOnce() {
        List<Peer> all = peers(2);
        Peer a = all.get(0);
        a.join("lobby");

        Set<String> rooms = a.join("lobby");
        socketIo.to("lobby").emit("news");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "lobby");
        assertReachedOnly(all, "news", List.of(a));
    }

    @Test
    void leavingARoomRemovesOnlyThatRoomAndItsBroadcasts() {
        List<Peer> all = peers(3);
        Peer a = all.get(0);
        Peer c = all.get(2);
        a.join("r1", "r2");
        c.join("r1");

        Set<String> rooms = a.leave("r1");
        socketIo.to("r1").emit("news");

        assertThat(rooms).containsExactlyInAnyOrder(a.id(), "r2");
        assertThat(a.server().rooms()).containsExactlyInAnyOrder(a.id(), "r2");
        assertReachedOnly(all, "news", List.of(c));
    }

    @Test
    void joinAfterTheSocketDisconnectedIsIgnored() {
        Peer a = peers(1).get(0);
        Socket server = a.server();
        String id = a.id();

        a.client.disconnect();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(server.connected()).isFalse();
            assertThat(socketIo.sockets().adapter().rooms()).doesNotContain(id);
        });
        server.join("too-late");

        // Node's Socket._cleanup() makes join a no-op once the socket has disconnected
        assertThat(server.rooms()).isEmpty();
        assertThat(socketIo.sockets().adapter().rooms()).doesNotContain("too-late");
    }

    @Test
    void roomsOfTheSameNameInTwoNamespacesAreSeparate() {
        List<Peer> shared = mainAndChatOnOneConnection();
        Peer main1 = shared.get(0);
        Peer chat1 = shared.get(1);
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("polling")));
        List<Peer> all = List.of(main1, chat1, chat2);
        main1.join("lobby");
        chat1.join("lobby");

        socketIo.of("/chat").to("lobby").emit("news");

        assertReachedOnly(all, "news", List.of(chat1));
    }
}
