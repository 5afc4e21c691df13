package io.tether.socketio.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tether.socketio.AckException;
import io.tether.socketio.EventArgs;
import io.tether.socketio.PacketType;
import io.tether.socketio.RemoteSocket;
import io.tether.socketio.SocketIoPacket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster operations and their request bookkeeping, without Redis: three {@link ClusterAdapter}s over an
 * in-process {@link Bus}, each with fake local sockets (node 0: a; node 1: b, c; node 2: d).
 */
class ClusterAdapterTest {
    private static final Duration REQUESTS_TIMEOUT = Duration.ofMillis(300);
    private static final BroadcastOptions ALL = BroadcastOptions.ALL;

    private final Bus bus = new Bus();
    private Bus.Node n0;
    private Bus.Node n1;
    private Bus.Node n2;

    @BeforeEach
    void threeNodes() {
        n0 = bus.node(new FakeSockets("a"), REQUESTS_TIMEOUT);
        n1 = bus.node(new FakeSockets("b", "c"), REQUESTS_TIMEOUT);
        n2 = bus.node(new FakeSockets("d"), REQUESTS_TIMEOUT);
    }

    private static SocketIoPacket event(String name, long ackId) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().add(name);
        return new SocketIoPacket(PacketType.EVENT, "/x", ackId, data);
    }

    private static ArrayNode eventAndArgs(String event) {
        return JsonNodeFactory.instance.arrayNode().add(event);
    }

    @Test
    void aBroadcastReachesTheSocketsOfEveryNodeOnce() {
        n0.broadcast(event("news", SocketIoPacket.NO_ACK), ALL);

        for (Bus.Node node : List.of(n0, n1, n2)) {
            for (String id : node.sockets.socketIds()) {
                assertThat(node.sockets.deliveredTo(id)).as(id).extracting(p -> p.data().get(0).asText())
                        .containsExactly("news");
            }
        }
    }

    @Test
    void aLocalBroadcastStaysOnItsNode() {
        n1.broadcast(event("here", SocketIoPacket.NO_ACK), new BroadcastOptions(Set.of(), Set.of(), false, true, true));

        assertThat(n1.sockets.deliveredTo("b")).hasSize(1);
        assertThat(n0.sockets.deliveredTo("a")).isEmpty();
        assertThat(n2.sockets.deliveredTo("d")).isEmpty();
    }

    @Test
    void roomsAreKeptPerNodeAndABroadcastToARoomReachesItsMembersEverywhere() {
        n1.addAll("c", Set.of("r"));
        n2.addAll("d", Set.of("r"));

        n0.broadcast(event("to-r", SocketIoPacket.NO_ACK), new BroadcastOptions(Set.of("r"), Set.of(), false, true,
                false));

        assertThat(n1.sockets.deliveredTo("c")).hasSize(1);
        assertThat(n2.sockets.deliveredTo("d")).hasSize(1);
        assertThat(n1.sockets.deliveredTo("b")).isEmpty();
        assertThat(n0.sockets.deliveredTo("a")).isEmpty();
    }

    @Test
    void socketsJoinAndDisconnectSocketsReachEveryNode() {
        n0.addSockets(ALL, Set.of("everyone"));
        n2.disconnectSockets(ALL, false);

        assertThat(n0.sockets.joined).containsOnlyKeys("a");
        assertThat(n1.sockets.joined).containsOnlyKeys("b", "c");
        assertThat(n2.sockets.joined.get("d")).containsExactly("everyone");
        assertThat(n0.sockets.disconnected).containsExactly("a");
        assertThat(n1.sockets.disconnected).containsExactlyInAnyOrder("b", "c");
        assertThat(n2.sockets.disconnected).containsExactly("d");
    }

    @Test
    void fetchSocketsCollectsTheSocketsOfEveryNode() throws Exception {
        List<RemoteSocket> found = n0.fetchSockets(ALL).get(5, TimeUnit.SECONDS);

        assertThat(found).extracting(RemoteSocket::id).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void fetchSocketsFailsWithAnAckExceptionWhenANodeDoesNotAnswerInTime() {
        bus.mute(n2);

        CompletableFuture<List<RemoteSocket>> found = n0.fetchSockets(ALL);

        assertThatThrownBy(() -> found.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(AckException.class)
                .hasMessage("timeout reached: only 1 responses received out of 2")
                .satisfies(e -> assertThat(((AckException) e).received()).hasSize(1));
    }

    @Test
    void aLocalFetchSocketsAsksNoOtherNode() throws Exception {
        bus.mute(n1);
        BroadcastOptions local = new BroadcastOptions(Set.of(), Set.of(), false, true, true);

        assertThat(n0.fetchSockets(local).get(1, TimeUnit.SECONDS)).extracting(RemoteSocket::id)
                .containsExactly("a");
    }

    @Test
    void serverSideEmitWithAckGathersOneAnswerPerOtherNode() throws Exception {
        n1.sockets.onServerSideEmit((eventAndArgs, ack) -> ack.send("from n1"));
        n2.sockets.onServerSideEmit((eventAndArgs, ack) -> ack.send("from n2", "ignored second argument"));
        n0.sockets.onServerSideEmit((eventAndArgs, ack) -> ack.send("from myself"));

        List<EventArgs> answers = n0.serverSideEmitWithAck(eventAndArgs("ping")).get(5, TimeUnit.SECONDS);

        assertThat(answers).extracting(args -> args.text(0)).containsExactlyInAnyOrder("from n1", "from n2");
        assertThat(answers).allSatisfy(args -> assertThat(args.size()).isEqualTo(1));
    }

    @Test
    void serverSideEmitWithAckFailsWithAnAckExceptionHoldingTheAnswersThatCame() {
        n1.sockets.onServerSideEmit((eventAndArgs, ack) -> ack.send("from n1"));
        n2.sockets.onServerSideEmit((eventAndArgs, ack) -> { });

        CompletableFuture<List<EventArgs>> answers = n0.serverSideEmitWithAck(eventAndArgs("ping"));

        assertThatThrownBy(answers::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(AckException.class)
                .satisfies(e -> assertThat(((AckException) e).received()).hasSize(1));
    }

    @Test
    void aServerSideEmitWithoutAckIsHandedToTheOtherNodesWithAnAckThatSendsNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        n1.sockets.onServerSideEmit((eventAndArgs, ack) -> {
            heard.add(eventAndArgs.get(0).asText() + " requested=" + ack.requested());
            ack.send("nobody listens");
        });

        n0.serverSideEmit(eventAndArgs("hello"));

        assertThat(heard).containsExactly("hello requested=false");
    }

    @Test
    void aBroadcastWithAckCountsEveryNodesClientsAndForwardsTheirAcknowledgements() {
        AtomicInteger clients = new AtomicInteger();
        List<String> acks = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> countsKnown = new CompletableFuture<>();

        n0.broadcastWithAck(event("poll", 7), ALL, clients::addAndGet, args -> acks.add(args.text(0)),
                () -> countsKnown.complete(clients.get()), 1_000);

        assertThat(countsKnown.join()).isEqualTo(4);
        n0.sockets.ack("a", TextNode.valueOf("yes from a"));
        n1.sockets.ack("c", TextNode.valueOf("yes from c"));
        n2.sockets.ack("d", TextNode.valueOf("yes from d"));
        assertThat(acks).containsExactly("yes from a", "yes from c", "yes from d");
    }

    @Test
    void eachNodeNumbersABroadcastWithAckItselfAndItsSocketsGetTheSamePacket() {
        n1.sockets.nextAckId();
        n1.sockets.nextAckId();

        n0.broadcastWithAck(event("poll", 0), ALL, count -> { }, args -> { }, () -> { }, 1_000);

        assertThat(n0.sockets.deliveredTo("a").get(0).ackId()).isEqualTo(0);
        assertThat(n1.sockets.deliveredTo("b").get(0).ackId()).isEqualTo(2);
        assertThat(n1.sockets.deliveredTo("c").get(0)).isSameAs(n1.sockets.deliveredTo("b").get(0));
    }

    @Test
    void theClientCountsOfABroadcastWithAckAreKnownAfterTheRequestsTimeoutWhenANodeIsMute() {
        bus.mute(n2);
        AtomicInteger clients = new AtomicInteger();
        CompletableFuture<Integer> countsKnown = new CompletableFuture<>();
        long start = System.nanoTime();

        n0.broadcastWithAck(event("poll", 1), ALL, clients::addAndGet, args -> { },
                () -> countsKnown.complete(clients.get()), 5_000);

        assertThat(countsKnown.join()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REQUESTS_TIMEOUT);
    }

    @Test
    void aNodeIgnoresItsOwnMessagesAndThoseOfOtherNamespaces() {
        n0.onMessage(ClusterMessage.broadcast(n0.uid(), "/x", event("echo", SocketIoPacket.NO_ACK), ALL));
        n0.onMessage(ClusterMessage.broadcast("other", "/y", event("elsewhere", SocketIoPacket.NO_ACK), ALL));

        assertThat(n0.sockets.deliveredTo("a")).isEmpty();
    }

    @Test
    void answersToUnknownRequestsAreIgnored() {
        n0.onResponse(ClusterResponse.clientCount("nobody-asked", 3));
        n0.onResponse(ClusterResponse.broadcastAck("nobody-asked", TextNode.valueOf("x")));

        assertThat(n0.awaits("nobody-asked")).isFalse();
    }
}
