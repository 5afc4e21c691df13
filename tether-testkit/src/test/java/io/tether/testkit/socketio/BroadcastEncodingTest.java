package io.tether.testkit.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.tether.engine.EnginePacket;
import io.tether.socketio.HandlerExecution;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broadcast is encoded once: without network, five sockets in a room on {@link InProcessClient}s, and the
 * {@link EnginePacket} objects each transport is asked to send are compared by identity.
 */
class BroadcastEncodingTest {
    private static final String ROOM = "room-1";

    private SocketIoServer io;
    private final List<Peer> members = new ArrayList<>();
    private Peer outsider;

    @BeforeEach
    void connectFiveSocketsInARoomAndOneOutside() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        for (int i = 0; i < 5; i++) {
            Peer peer = new Peer(io);
            io.sockets().sockets().get(peer.socketId).join(ROOM);
            members.add(peer);
        }
        outsider = new Peer(io);
        assertThat(io.sockets().sockets()).hasSize(6);
    }

    @Test
    void roomBroadcastHandsTheSameEnginePacketInstanceToEveryRecipient() {
        io.to(ROOM).emit("ev", Map.of("k", "v"));

        EnginePacket first = members.get(0).onlyEvent("ev");
        assertThat(first.text()).isEqualTo("2[\"ev\",{\"k\":\"v\"}]");
        for (Peer peer : members) {
            assertThat(peer.onlyEvent("ev")).isSameAs(first);
        }
        assertThat(outsider.events("ev")).isEmpty();
    }

    @Test
    void broadcastPacketTextFrameBytesAreEncodedOnceAndShared() {
        io.to(ROOM).emit("ev", Map.of("k", "v"));

        EnginePacket packet = members.get(0).onlyEvent("ev");
        byte[] bytes = packet.textFrameBytes();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("42[\"ev\",{\"k\":\"v\"}]");
        assertThat(packet.textFrameBytes()).isSameAs(bytes);
        for (Peer peer : members) {
            assertThat(peer.onlyEvent("ev").textFrameBytes()).isSameAs(bytes);
        }
    }

    @Test
    void binaryBroadcastSharesTheTextPacketAndTheAttachmentPacketsWithEveryRecipient() {
        io.to(ROOM).emit("file", new byte[] {1, 2, 3});

        List<EnginePacket> first = members.get(0).packetsFrom("51-[\"file\"");
        assertThat(first).hasSize(2);
        assertThat(first.get(1).binary()).containsExactly(1, 2, 3);
        for (Peer peer : members) {
            List<EnginePacket> mine = peer.packetsFrom("51-[\"file\"");
            assertThat(mine).hasSize(2);
            assertThat(mine.get(0)).isSameAs(first.get(0));
            assertThat(mine.get(1)).isSameAs(first.get(1));
        }
        assertThat(outsider.packetsFrom("51-[\"file\"")).isEmpty();
    }

    /** One client: its own Engine.IO session on an in-process WebSocket, joined to "/". */
    private static final class Peer {
        final InProcessClient client;
        final String socketId;

        Peer(SocketIoServer io) {
            client = InProcessClient.open(io);
            socketId = client.connect("/");
            assertThat(io.sockets().sockets()).containsKey(socketId);
        }

        /** The event packets for this event name. */
        List<EnginePacket> events(String event) {
            String prefix = "2[\"" + event + "\"";
            return client.packets().stream().filter(p -> p.text() != null && p.text().startsWith(prefix)).toList();
        }

        EnginePacket onlyEvent(String event) {
            List<EnginePacket> found = events(event);
            assertThat(found).as("\"%s\" packets sent to %s", event, socketId).hasSize(1);
            return found.get(0);
        }

        /** The packet whose text starts with this prefix, and every packet sent after it. */
        List<EnginePacket> packetsFrom(String prefix) {
            List<EnginePacket> all = client.packets();
            for (int i = 0; i < all.size(); i++) {
                EnginePacket p = all.get(i);
                if (p.text() != null && p.text().startsWith(prefix)) {
                    return all.subList(i, all.size());
                }
            }
            return List.of();
        }
    }
}
