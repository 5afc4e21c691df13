package io.tether.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Who a broadcast reaches: the whole namespace, rooms ({@code to}/{@code in}, several, chained), exceptions,
 * a socket's {@code to} and {@code broadcast}, and the {@code local}, {@code volatile} and {@code compress} flags.
 */
public class BroadcastSelectorsTest extends RoomsFixture {

    @Test
    void serverEmitReachesEverySocketOfTheMainNamespace() {
        List<Peer> all = peers(4);

        socketIo.emit("news", "to all", 1);

        assertReachedOnly(all, "news", all);
        for (Peer peer : all) {
            assertThat(peer.argsOf("news")).containsExactly("to all", 1);
        }
    }

    @Test
    void broadcastToASocketIdReachesOnlyThatSocket() {
        List<Peer> all = peers(4);
        Peer b = all.get(1);

        socketIo.to(b.id()).emit("direct", "for b");

        assertReachedOnly(all, "direct", List.of(b));
        assertThat(b.argsOf("direct")).containsExactly("for b");
    }

    @Test
    void broadcastToARoomReachesOnlyItsMembers() {
        List<Peer> all = peers(4);
        all.get(0).join("room");
        all.get(2).join("room");

        socketIo.to("room").emit("news");

        assertReachedOnly(all, "news", List.of(all.get(0), all.get(2)));
    }

    @Test
    void broadcastToTwoRoomsReachesAMemberOfBothOnce() {
        List<Peer> all = peers(4);
        Peer both = all.get(0);
        both.join("r1", "r2");
        all.get(1).join("r1");
        all.get(2).join("r2");

        socketIo.to("r1", "r2").emit("news");

        assertReachedOnly(all, "news", all.subList(0, 3));
    }

    @Test
    void chainedToAddsRoomsAndStillDeliversOnce() {
        List<Peer> all = peers(3);
        all.get(0).join("r1", "r2");
        all.get(1).join("r2");

        socketIo.to("r1").to("r2").emit("news");

        assertReachedOnly(all, "news", all.subList(0, 2));
    }

    @Test
    void exceptRoomReachesEveryoneElse() {
        List<Peer> all = peers(4);
        all.get(0).join("banned");
        all.get(1).join("banned");

        socketIo.except("banned").emit("news");

        assertReachedOnly(all, "news", all.subList(2, 4));
    }

    @Test
    void toRoomExceptRoomReachesMembersOfTheFirstThatAreNotInTheSecond() {
        List<Peer> all = peers(4);
        all.get(0).join("red");
        all.get(1).join("red", "muted");
        all.get(2).join("red");
        all.get(3).join("muted");

        socketIo.to("red").except("muted").emit("news");

        assertReachedOnly(all, "news", List.of(all.get(0), all.get(2)));
    }

    @Test
    void exceptASocketIdLeavesOutThatSocket() {
        List<Peer> all = peers(3);

        socketIo.except(all.get(1).id()).emit("news");

        assertReachedOnly(all, "news", List.of(all.get(0), all.get(2)));
    }

    @Test
    void broadcastOperatorIsImmutableSoDerivingOneLeavesTheOriginalUnchanged() {
        List<Peer> all = peers(3);
        all.get(0).join("red");
        all.get(1).join("red", "muted");
        var red = socketIo.to("red");

        var redNotMuted = red.except("muted");
        red.volatileFlag().timeout(1_000).to("other");
        red.emit("news");

        assertReachedOnly(all, "news", all.subList(0, 2));
        assertThat(redNotMuted).isNotSameAs(red);
    }

    @Test
    void socketExceptRoomLeavesOutTheSenderAndTheRoomMembers() {
        List<Peer> all = peers(4);
        Peer sender = all.get(0);
        all.get(1).join("banned");

        sender.server().except("banned").emit("news");

        assertReachedOnly(all, "news", all.subList(2, 4));
    }

    @Test
    void socketToRoomReachesTheOtherMembersButNotTheSender() {
        List<Peer> all = peers(4);
        Peer sender = all.get(0);
        sender.join("room");
        all.get(1).join("room");
        all.get(2).join("room");

        sender.client.emit("say", "room", "hello room");

        assertReachedOnly(all, "said", all.subList(1, 3));
        assertThat(all.get(1).argsOf("said")).containsExactly("hello room");
    }

    @Test
    void socketBroadcastReachesEveryoneButTheSender() {
        List<Peer> all = peers(4);
        Peer sender = all.get(2);

        sender.client.emit("shout", "hey all");

        List<Peer> others = List.of(all.get(0), all.get(1), all.get(3));
        assertReachedOnly(all, "shouted", others);
        for (Peer peer : others) {
            assertThat(peer.argsOf("shouted")).containsExactly("hey all");
        }
    }

    @Test
    void broadcastInTheMainNamespaceDoesNotReachChatNamespace() {
        List<Peer> shared = mainAndChatOnOneConnection();
        Peer main1 = shared.get(0);
        Peer chat1 = shared.get(1);
        Peer main2 = peer("main2", "/", client("/", options("polling")));
        Peer chat2 = peer("chat2", "/chat", client("/chat", options("polling")));
        List<Peer> all = List.of(main1, chat1, main2, chat2);

        socketIo.emit("news");

        assertReachedOnly(all, "news", List.of(main1, main2));
    }

    @Test
    void localBroadcastReachesTheSocketsOfThisNode() {
        List<Peer> all = peers(3);
        all.get(1).join("room");

        socketIo.local().to("room").emit("news");

        assertReachedOnly(all, "news", List.of(all.get(1)));
    }

    @Test
    void uncompressedBroadcastIsStillDelivered() {
        List<Peer> all = peers(2);

        socketIo.sockets().compress(false).emit("news", "plain");

        assertReachedOnly(all, "news", all);
        for (Peer peer : all) {
            assertThat(peer.argsOf("news")).containsExactly("plain");
        }
    }

    @Test
    void binaryBroadcastToARoomReachesEveryMemberIntactOverBothTransports() {
        List<Peer> all = peers(3);
        all.get(0).join("files");
        all.get(1).join("files");
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

        socketIo.to("files").emit("file", "a.bin", bytes);

        assertReachedOnly(all, "file", all.subList(0, 2));
        for (Peer member : all.subList(0, 2)) {
            List<Object> args = member.argsOf("file");
            assertThat(args.get(0)).isEqualTo("a.bin");
            assertThat((byte[]) args.get(1)).isEqualTo(bytes);
        }
    }

    @Test
    void volatileBroadcastIsDroppedForAPollingClientWithoutPendingGetWhileANormalOneWaitsForIt() {
        RawPolling polling = new RawPolling(server.port());
        String connectAnswer = polling.connect(null);
        assertThat(connectAnswer).startsWith("40{");
        String sid = RawPolling.json(connectAnswer.substring(2)).get("sid").asText();
        assertThat(socketIo.sockets().sockets()).containsKey(sid);
        // the client issues no GET: the polling transport has no request to write to

        socketIo.volatileFlag().emit("volatile-1");
        socketIo.emit("kept");
        socketIo.to(sid).volatileFlag().emit("volatile-2");
        // emits from another thread are handed to the session's loop; let them run before the GET can arrive
        // (Netty may read a request before running tasks queued earlier)
        result(CompletableFuture.runAsync(() -> { }, socketIo.engine().session(polling.sid()).loop()));
        HttpResponse<String> poll = polling.pollSession();

        assertThat(poll.statusCode()).isEqualTo(200);
        assertThat(poll.body()).isEqualTo("42[\"kept\"]");
    }

    @Test
    void volatileBroadcastReachesAWebSocketClientThatCanTakeIt() {
        List<Peer> all = List.of(peer("a", "/", client("/", options("websocket"))),
                peer("b", "/", client("/", options("websocket"))));

        socketIo.volatileFlag().emit("news", "volatile");

        assertReachedOnly(all, "news", all);
    }
}
