package io.tether.socketio.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cluster in one process: its nodes' {@link ClusterAdapter}s hand messages to each other directly. A mute
 * node counts as a server but hears nothing, so it never answers.
 */
final class Bus {
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final Set<Node> mute = ConcurrentHashMap.newKeySet();

    /** A node of this cluster over these local sockets. */
    Node node(FakeSockets sockets, Duration requestsTimeout) {
        Node node = new Node(sockets, requestsTimeout);
        nodes.add(node);
        return node;
    }

    void mute(Node node) {
        mute.add(node);
    }

    final class Node extends ClusterAdapter {
        final FakeSockets sockets;

        Node(FakeSockets sockets, Duration requestsTimeout) {
            super(sockets, requestsTimeout);
            this.sockets = sockets;
        }

        @Override
        protected void publish(ClusterMessage message) {
            for (Node node : nodes) {
                if (!mute.contains(node)) {
                    node.onMessage(message); // this node too: it must ignore its own messages
                }
            }
        }

        @Override
        protected void publishResponse(String requesterUid, ClusterResponse response) {
            for (Node node : nodes) {
                if (node.uid().equals(requesterUid)) {
                    node.onResponse(response);
                }
            }
        }

        @Override
        protected CompletableFuture<Long> serverCount() {
            return CompletableFuture.completedFuture((long) nodes.size());
        }
    }
}
