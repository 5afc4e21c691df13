package io.tether.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's connections: one Netty event loop (one thread, so the generator stays on the core it is
 * pinned to) and WebSocket clients of {@code ws://host:port/socket.io/?EIO=4&transport=websocket}.
 */
final class ClientPool implements AutoCloseable {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final URI uri;

    ClientPool(String host, int port) {
        this.uri = URI.create("ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket");
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .remoteAddress(host, port);
    }

    /** The one thread every connection runs on; scenarios schedule their sends here. */
    EventLoop loop() {
        return group.next();
    }

    /** What {@link #open} measured: the connections and how long it took from the first connect to the last ready. */
    record Opened(List<WireConnection> connections, long nanos) {
        double perSecond() {
            return connections.size() / (nanos / 1e9);
        }
    }

    /**
     * Opens {@code count} connections to {@code namespace}, at most {@code inFlight} of them handshaking at a
     * time. The future completes when every one is ready, and fails when one closes or is refused first.
     */
    CompletableFuture<Opened> open(int count, int inFlight, String namespace, WireConnection.Listener listener) {
        CompletableFuture<Opened> done = new CompletableFuture<>();
        loop().execute(() -> new Opener(count, inFlight, namespace, listener, done).start());
        return done;
    }

    /** Runs on the event loop: keeps {@code inFlight} handshakes going until {@code count} are ready. */
    private final class Opener implements WireConnection.Listener {
        private final int count;
        private final int inFlight;
        private final String namespace;
        private final WireConnection.Listener scenario;
        private final CompletableFuture<Opened> done;
        private final List<WireConnection> connections;
        private int started;
        private int readyCount;
        private long startNanos;

        Opener(int count, int inFlight, String namespace, WireConnection.Listener scenario,
               CompletableFuture<Opened> done) {
            this.count = count;
            this.inFlight = inFlight;
            this.namespace = namespace;
            this.scenario = scenario;
            this.done = done;
            this.connections = new ArrayList<>(count);
        }

        void start() {
            startNanos = System.nanoTime();
            if (count == 0) {
                done.complete(new Opened(List.of(), 1));
                return;
            }
            for (int i = 0; i < Math.min(inFlight, count); i++) {
                connectNext();
            }
        }

        private void connectNext() {
            if (started >= count || done.isDone()) {
                return;
            }
            WireConnection connection = new WireConnection(started++, namespace, this);
            connections.add(connection);
            bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(
                            new HttpClientCodec(),
                            new HttpObjectAggregator(8192),
                            new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                    .webSocketUri(uri)
                                    .version(WebSocketVersion.V13)
                                    .absoluteUpgradeUrl(false)
                                    .maxFramePayloadLength(1 << 20)
                                    .handshakeTimeoutMillis(30_000)
                                    .dropPongFrames(true)
                                    .build()),
                            connection);
                }
            }).connect().addListener(f -> {
                if (!f.isSuccess()) {
                    connection.failed(f.cause());
                }
            });
        }

        @Override
        public void onReady(WireConnection connection) {
            scenario.onReady(connection);
            if (++readyCount == count) {
                done.complete(new Opened(List.copyOf(connections), System.nanoTime() - startNanos));
            } else {
                connectNext();
            }
        }

        @Override
        public void onAck(WireConnection connection, long ackId, String body) {
            scenario.onAck(connection, ackId, body);
        }

        @Override
        public void onEvent(WireConnection connection, String body) {
            scenario.onEvent(connection, body);
        }

        @Override
        public void onClosed(WireConnection connection, String why) {
            if (!done.isDone()) {
                done.completeExceptionally(new IllegalStateException(
                        "connection " + connection.index() + " closed while opening " + count + " (" + readyCount
                                + " ready): " + why));
            }
            scenario.onClosed(connection, why);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
