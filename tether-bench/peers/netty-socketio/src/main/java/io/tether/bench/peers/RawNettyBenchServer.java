package io.tether.bench.peers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The "floor" peer: the bench contract ({@code /work/shared/BENCH.md}, see {@code tether-bench/peers/README.md})
 * on a hand-written Netty 4.1 WebSocket server, no Socket.IO library. It speaks just enough Engine.IO 4 /
 * Socket.IO 5 for the contract, over WebSocket only (no HTTP long-polling, no binary packets):
 *
 * <ul>
 *   <li>the upgrade at {@code /socket.io/?EIO=4&transport=websocket}, then the open packet
 *       {@code 0{"sid":…,"upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}};</li>
 *   <li>{@code 40} / {@code 40/custom,} (any auth payload) answered {@code 40{"sid":…}} /
 *       {@code 40/custom,{"sid":…}}, any other namespace {@code 44<nsp>,{"message":"Invalid namespace"}};
 *       {@code 41…} leaves the namespace (and its rooms);</li>
 *   <li>a ping {@code 2} every 25 s; a connection whose pong {@code 3} has not come by the next ping is
 *       closed;</li>
 *   <li>{@code 42[<nsp>,][<id>]["echo",X]} answered {@code 43[<nsp>,]<id>[X]} ({@code X} is the client's
 *       JSON text, sliced out by Jackson's streaming parser, not re-serialized); {@code join} joins a room
 *       and acks {@code "ok"}; {@code fanout} encodes {@code 42[<nsp>,]["msg",P]} once and writes it to the
 *       room's channels (a Netty {@link ChannelGroup}).</li>
 * </ul>
 *
 * <pre>
 * java -cp target/netty-socketio-bench.jar io.tether.bench.peers.RawNettyBenchServer [--port N]
 * </pre>
 *
 * <p>Netty defaults otherwise (NIO, a boss group of one thread, a worker group of twice the cores). Prints
 * {@code PID <pid>} then {@code READY <port>} once it listens; stops on SIGTERM (prints {@code STOPPED}).
 */
public final class RawNettyBenchServer {
    static final String PATH = "/socket.io/";
    static final long PING_INTERVAL_MS = 25_000;
    static final long PING_TIMEOUT_MS = 20_000;
    static final int MAX_PAYLOAD = 1_000_000;

    private static final JsonFactory JSON = new JsonFactory();

    /** One served namespace: its name and its rooms. */
    static final class Nsp {
        final String name;
        /** The Socket.IO packet prefix after the type digit: "" for "/", "/custom," otherwise. */
        final String prefix;
        final Map<String, ChannelGroup> rooms = new ConcurrentHashMap<>();

        Nsp(String name) {
            this.name = name;
            this.prefix = name.equals("/") ? "" : name + ",";
        }

        ChannelGroup room(String room) {
            ChannelGroup group = rooms.get(room);
            if (group == null) {
                group = rooms.computeIfAbsent(room,
                        r -> new DefaultChannelGroup("room " + r, GlobalEventExecutor.INSTANCE));
            }
            return group;
        }
    }

    private final Map<String, Nsp> namespaces = Map.of("/", new Nsp("/"), "/custom", new Nsp("/custom"));
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup();
    private Channel serverChannel;

    private RawNettyBenchServer() {
    }

    public static void main(String[] args) {
        int port = NettySocketIoBenchServer.parsePortOrExit("raw-netty-bench", args);
        RawNettyBenchServer server = new RawNettyBenchServer();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            System.out.println("STOPPED");
            System.out.flush();
        }, "raw-netty-bench-shutdown"));
        int bound;
        try {
            bound = server.start(port);
        } catch (Exception e) { // a BindException comes out of sync() undeclared
            System.err.println("raw-netty-bench: cannot listen on port " + port + ": " + e);
            Runtime.getRuntime().halt(1);
            return;
        }
        NettySocketIoBenchServer.announce(bound);
    }

    int start(int port) throws InterruptedException {
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(MAX_PAYLOAD)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(65536));
                        p.addLast(new HandshakeFilter());
                        p.addLast(new WebSocketServerProtocolHandler(wsConfig));
                        p.addLast(new WebSocketFrameAggregator(MAX_PAYLOAD));
                        p.addLast(new Connection());
                    }
                });
        serverChannel = bootstrap.bind(new InetSocketAddress(port)).sync().channel();
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void stop() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static String newSid() {
        byte[] bytes = new byte[15];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Lets only {@code /socket.io/?EIO=4&transport=websocket} upgrades through to the WebSocket handler:
     * other requests under {@code /socket.io/} get 400 (no polling here), any other path 404.
     */
    static final class HandshakeFilter extends SimpleChannelInboundHandler<FullHttpRequest> {
        HandshakeFilter() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            if (!query.path().equals(PATH) && !query.path().equals("/socket.io")) {
                req.release();
                reply(ctx, HttpResponseStatus.NOT_FOUND, "not found");
                return;
            }
            if (!"4".equals(first(query, "EIO"))) {
                req.release();
                reply(ctx, HttpResponseStatus.BAD_REQUEST, "{\"code\":5,\"message\":\"Unsupported protocol version\"}");
                return;
            }
            if (!"websocket".equals(first(query, "transport"))
                    || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
                req.release();
                reply(ctx, HttpResponseStatus.BAD_REQUEST, "{\"code\":0,\"message\":\"Transport unknown\"}");
                return;
            }
            ctx.fireChannelRead(req);
        }

        private static String first(QueryStringDecoder query, String name) {
            List<String> values = query.parameters().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE,
                    body.startsWith("{") ? HttpHeaderValues.APPLICATION_JSON : HttpHeaderValues.TEXT_PLAIN);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One Engine.IO connection (one per channel) with its Socket.IO namespace sockets. */
    final class Connection extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private ChannelHandlerContext ctx;
        private ScheduledFuture<?> pings;
        private boolean awaitingPong;
        /** Rooms joined, per connected namespace (touched on this channel's event loop only). */
        private final Map<Nsp, Set<String>> connected = new HashMap<>(4);

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                this.ctx = ctx;
                send("0{\"sid\":\"" + newSid() + "\",\"upgrades\":[],\"pingInterval\":" + PING_INTERVAL_MS
                        + ",\"pingTimeout\":" + PING_TIMEOUT_MS + ",\"maxPayload\":" + MAX_PAYLOAD + "}");
                pings = ctx.executor().scheduleAtFixedRate(this::ping, PING_INTERVAL_MS, PING_INTERVAL_MS,
                        TimeUnit.MILLISECONDS);
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        private void ping() {
            if (awaitingPong) {
                // no pong since the last ping (at least pingTimeout ago): the client is gone
                ctx.close();
                return;
            }
            awaitingPong = true;
            send("2");
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (pings != null) {
                pings.cancel(false);
            }
            // the channel groups drop a closed channel by themselves
            connected.clear();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void send(String packet) {
            ctx.writeAndFlush(new TextWebSocketFrame(ByteBufUtil.writeUtf8(ctx.alloc(), packet)));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            if (text.isEmpty()) {
                return;
            }
            switch (text.charAt(0)) {
                case '4' -> onSocketIo(text);
                case '3' -> awaitingPong = false;
                case '2' -> send("3" + text.substring(1));
                case '1' -> ctx.close();
                default -> { }
            }
        }

        /** A Socket.IO packet: {@code 4<type>[<nsp>,][<ack id>][json]}. */
        private void onSocketIo(String text) {
            if (text.length() < 2) {
                return;
            }
            char type = text.charAt(1);
            int i = 2;
            String nspName = "/";
            if (i < text.length() && text.charAt(i) == '/') {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? text.length() : comma;
                nspName = text.substring(i, end);
                i = comma < 0 ? end : comma + 1;
            }
            long ackId = -1;
            int digits = i;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            if (i > digits) {
                ackId = Long.parseLong(text, digits, i, 10);
            }
            Nsp nsp = namespaces.get(nspName);
            switch (type) {
                case '0' -> {
                    if (nsp == null) {
                        send("44" + nspName + ",{\"message\":\"Invalid namespace\"}");
                    } else {
                        connected.putIfAbsent(nsp, new HashSet<>());
                        send("40" + nsp.prefix + "{\"sid\":\"" + newSid() + "\"}");
                    }
                }
                case '1' -> {
                    Set<String> rooms = nsp == null ? null : connected.remove(nsp);
                    if (rooms != null) {
                        for (String room : rooms) {
                            nsp.room(room).remove(ctx.channel());
                        }
                    }
                }
                case '2' -> {
                    if (nsp != null && connected.containsKey(nsp)) {
                        try {
                            onEvent(nsp, ackId, text, i);
                        } catch (IOException | RuntimeException e) {
                            // malformed payload: ignored, as the libraries do
                        }
                    }
                }
                default -> { }
            }
        }

        /** {@code text.substring(start)} is the event's JSON array {@code ["name", args…]}. */
        private void onEvent(Nsp nsp, long ackId, String text, int start) throws IOException {
            String json = text.substring(start);
            try (JsonParser p = JSON.createParser(json)) {
                if (p.nextToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
                    return;
                }
                String event = p.getText();
                switch (event) {
                    case "echo" -> {
                        if (ackId < 0) {
                            return;
                        }
                        String args;
                        if (p.nextToken() == JsonToken.END_ARRAY) {
                            args = "[]";
                        } else {
                            args = "[" + value(p, json) + "]";
                        }
                        send("43" + nsp.prefix + ackId + args);
                    }
                    case "join" -> {
                        JsonToken t = p.nextToken();
                        if (t == null || !t.isScalarValue() || t == JsonToken.VALUE_NULL) {
                            return;
                        }
                        String room = p.getText();
                        Set<String> rooms = connected.get(nsp);
                        if (rooms.add(room)) {
                            nsp.room(room).add(ctx.channel());
                        }
                        if (ackId >= 0) {
                            send("43" + nsp.prefix + ackId + "[\"ok\"]");
                        }
                    }
                    case "fanout" -> {
                        if (p.nextToken() != JsonToken.START_OBJECT) {
                            return;
                        }
                        String room = null;
                        String payload = "null";
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            JsonToken t = p.nextToken();
                            if (field.equals("room") && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                                room = p.getText();
                            } else if (field.equals("payload")) {
                                payload = value(p, json);
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (room == null) {
                            return;
                        }
                        ChannelGroup group = nsp.rooms.get(room);
                        if (group == null || group.isEmpty()) {
                            return;
                        }
                        // encoded once; the group writes a retained duplicate to each channel
                        TextWebSocketFrame msg = new TextWebSocketFrame(
                                ByteBufUtil.writeUtf8(ctx.alloc(), "42" + nsp.prefix + "[\"msg\"," + payload + "]"));
                        group.writeAndFlush(msg, ChannelMatchers.all(), true);
                    }
                    default -> { }
                }
            }
        }
    }

    /**
     * The JSON text of the value whose first token the parser is on, sliced out of {@code json} (what the
     * parser reads); the parser is left on the value's last token.
     */
    static String value(JsonParser p, String json) throws IOException {
        int from = (int) p.currentTokenLocation().getCharOffset();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        } else {
            // a string's text is read lazily: read it to its closing quote
            p.finishToken();
        }
        int to = (int) p.currentLocation().getCharOffset();
        return json.substring(from, to);
    }
}
