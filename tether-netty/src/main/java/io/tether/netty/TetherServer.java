package io.tether.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.tether.engine.EngineServer;
import io.tether.socketio.SocketIoServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network server: serves Socket.IO and Engine.IO servers (each at its own path) and static files over
 * HTTP and WebSocket, on Netty.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create();
 * io.onConnection(socket -> socket.emit("hello"));
 * TetherServer server = TetherServer.builder().port(8000).socketIo(io).build().start();
 * // ...
 * server.stop();
 * }</pre>
 */
public final class TetherServer {
    private static final Logger log = LoggerFactory.getLogger(TetherServer.class);

    private final String host;
    private final int requestedPort;
    private final List<SocketIoServer> socketIoServers;
    private final List<EngineServer> engineServers;
    private final StaticFiles staticFiles;
    private final java.util.Map<String, HttpRouter.FileRoute> files;
    private final int ioThreads;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    private TetherServer(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.socketIoServers = List.copyOf(b.socketIoServers);
        this.engineServers = List.copyOf(b.engineServers);
        this.staticFiles = b.staticFiles;
        this.ioThreads = b.ioThreads;
        this.files = java.util.Map.copyOf(b.files);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns once the server listens. */
    public synchronized TetherServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        List<EngineEndpoint> endpoints = new ArrayList<>();
        for (SocketIoServer io : socketIoServers) {
            endpoints.add(new EngineEndpoint(io.engine().transports()));
        }
        for (EngineServer engine : engineServers) {
            endpoints.add(new EngineEndpoint(engine.transports()));
        }
        // longest path first, so that /socket.io/admin/ wins over /socket.io/
        endpoints.sort((a, b) -> b.path().length() - a.path().length());
        List<EngineEndpoint> routes = List.copyOf(endpoints);
        int maxContent = (int) Math.min(Integer.MAX_VALUE,
                routes.stream().mapToLong(EngineEndpoint::maxPayload).max().orElse(1_000_000L));

        boolean epoll = Epoll.isAvailable();
        bossGroup = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workerGroup = epoll ? new EpollEventLoopGroup(ioThreads) : new NioEventLoopGroup(ioThreads);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast(new OversizeGuard(routes))
                                .addLast("aggregator", new HttpObjectAggregator(maxContent))
                                .addLast(new HttpRouter(routes, staticFiles, files));
                    }
                });
        InetSocketAddress address = host == null ? new InetSocketAddress(requestedPort)
                : new InetSocketAddress(host, requestedPort);
        try {
            serverChannel = bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownGroups();
            throw new IllegalStateException("interrupted while binding " + address, e);
        } catch (Exception e) {
            shutdownGroups();
            throw new IllegalStateException("cannot listen on " + describe(address) + ": " + e.getMessage(), e);
        }
        log.info("Tether listening on {} ({})", describe((InetSocketAddress) serverChannel.localAddress()),
                epoll ? "epoll" : "nio");
        return this;
    }

    /** The port the server listens on (useful after binding port 0). */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Stops gracefully: sockets are disconnected with {@code server shutting down}, connections are closed,
     * then the port is released.
     */
    public synchronized void stop() {
        if (serverChannel == null) {
            return;
        }
        for (SocketIoServer io : socketIoServers) {
            io.close();
        }
        for (EngineServer engine : engineServers) {
            engine.close();
        }
        serverChannel.close().syncUninterruptibly();
        serverChannel = null;
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (workerGroup != null) {
            workerGroup.forEach(loop -> NettyEngineLoop.forget((io.netty.channel.EventLoop) loop));
            workerGroup.shutdownGracefully(50, 2_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        }
        workerGroup = null;
        bossGroup = null;
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** Builds a {@link TetherServer}. */
    public static final class Builder {
        private String host;
        private int port = 8000;
        private final List<SocketIoServer> socketIoServers = new ArrayList<>();
        private final List<EngineServer> engineServers = new ArrayList<>();
        private StaticFiles staticFiles;
        private final java.util.Map<String, HttpRouter.FileRoute> files = new java.util.HashMap<>();
        private int ioThreads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * How many I/O threads (event loops) serve connections; one per core by default. With a single one,
         * requests that one client sends at once on several connections are handled in the order they
         * arrived, exactly as Node's single-threaded server does; with several, they are handled in the
         * order the threads read them.
         */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads must be at least 1");
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /** The address to listen on; all interfaces when not set. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Serves a Socket.IO server at its path. */
        public Builder socketIo(SocketIoServer io) {
            socketIoServers.add(Objects.requireNonNull(io));
            return this;
        }

        /** Serves a bare Engine.IO server (no Socket.IO layer) at its path. */
        public Builder engineIo(EngineServer engine) {
            engineServers.add(Objects.requireNonNull(engine));
            return this;
        }

        /** Serves classpath resources under a URL prefix, e.g. {@code staticFiles("/", "classpath:/static")}. */
        public Builder staticFiles(String urlPrefix, String classpathRoot) {
            this.staticFiles = new StaticFiles(urlPrefix, classpathRoot, Thread.currentThread().getContextClassLoader());
            return this;
        }

        /**
         * Serves one classpath file at an exact path, ahead of the Engine.IO endpoints, with an ETag; how the
         * socket.io client script is served at {@code /socket.io/socket.io.js}, as Node's server does.
         *
         * @throws IllegalArgumentException when the resource does not exist
         */
        public Builder file(String urlPath, String classpathResource) {
            String resource = classpathResource.startsWith("classpath:")
                    ? classpathResource.substring("classpath:".length()) : classpathResource;
            resource = resource.startsWith("/") ? resource.substring(1) : resource;
            try (java.io.InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no classpath resource " + classpathResource);
                }
                files.put(urlPath, new HttpRouter.FileRoute(urlPath, resource, in.readAllBytes()));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read " + classpathResource, e);
            }
            return this;
        }

        public TetherServer build() {
            return new TetherServer(this);
        }
    }
}
