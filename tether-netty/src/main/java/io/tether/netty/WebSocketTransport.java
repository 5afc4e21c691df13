package io.tether.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.tether.engine.EngineCodec;
import io.tether.engine.EnginePacket;
import io.tether.engine.EngineProtocolException;
import io.tether.engine.TransportType;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportSession;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WebSocket transport: one Engine.IO packet per frame, text or binary. */
final class WebSocketTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final TransportSession session;
    private final Channel channel;
    private boolean closed;
    private boolean flushPending;

    WebSocketTransport(TransportSession session, Channel channel) {
        this.session = session;
        this.channel = channel;
    }

    @Override
    public TransportType type() {
        return TransportType.WEBSOCKET;
    }

    @Override
    public boolean writable() {
        return !closed && channel.isActive();
    }

    @Override
    public boolean congested() {
        return !channel.isWritable();
    }

    @Override
    public void send(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            WebSocketFrame frame = packet.isBinary()
                    ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(
                            EngineCodec.encodeBinaryFrame(packet, session.protocol())))
                    // shared bytes: a broadcast's packet is encoded once for all its recipients
                    : new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.textFrameBytes()));
            channel.write(frame, channel.voidPromise());
        }
        if (!channel.eventLoop().inEventLoop()) {
            // a session upgraded from polling may live on another loop than this channel's
            channel.flush();
        } else if (!flushPending) {
            flushPending = true;
            TurnFlusher.of(channel.eventLoop()).flushLater(this);
        }
    }

    /** Writes out what {@link #send} queued; called by the loop's {@link TurnFlusher} at the end of the turn. */
    void flushNow() {
        flushPending = false;
        channel.flush();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Reads frames from one WebSocket connection and hands them to its session, on the session's loop. */
    static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private volatile WebSocketTransport transport;

        /** Binds this connection to a session; called on the channel's loop before any frame is read. */
        WebSocketTransport attach(TransportSession session, Channel channel) {
            transport = new WebSocketTransport(session, channel);
            return transport;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
                return;
            }
            if (frame instanceof CloseWebSocketFrame) {
                ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            WebSocketTransport t = transport;
            if (t == null) {
                return;
            }
            TransportSession session = t.session;
            if (frame instanceof TextWebSocketFrame text) {
                String data = text.text();
                session.runInOrder(session.takeTicket(), () -> receive(t, () -> EngineCodec.decodeText(data)));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                byte[] data = ByteBufUtil.getBytes(binary.content());
                session.runInOrder(session.takeTicket(),
                        () -> receive(t, () -> EngineCodec.decodeBinaryFrame(data, session.protocol())));
            }
        }

        private static void receive(WebSocketTransport t, java.util.function.Supplier<EnginePacket> decode) {
            EnginePacket packet;
            try {
                packet = decode.get();
            } catch (EngineProtocolException e) {
                t.session.onParseError(t, e);
                return;
            }
            t.session.onPacket(t, packet);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            WebSocketTransport t = transport;
            if (t != null) {
                t.session.runInOrder(t.session.takeTicket(), () -> {
                    t.closed = true;
                    t.session.onTransportClose(t);
                });
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("WebSocket error: {}", cause.toString());
            WebSocketTransport t = transport;
            if (t != null) {
                t.session.runInOrder(t.session.takeTicket(),
                        () -> t.session.onTransportError(t, String.valueOf(cause.getMessage())));
            }
            ctx.close();
        }
    }
}
