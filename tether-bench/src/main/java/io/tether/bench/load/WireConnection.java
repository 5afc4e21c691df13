package io.tether.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * One load-generator connection: a WebSocket that speaks Engine.IO 4 / Socket.IO 5 by hand, the same bytes to
 * every server under test. It joins one namespace, answers the server's pings, and hands acks and events of
 * that namespace to its {@link Listener}. Everything runs on the connection's event loop.
 */
final class WireConnection extends ChannelInboundHandlerAdapter {

    /** What the scenario wants to hear about. Called on the event loop. */
    interface Listener {
        /** The namespace CONNECT was answered: the connection can emit. */
        void onReady(WireConnection connection);

        /** An ACK packet for {@code ackId}; {@code body} is the JSON array of its arguments. */
        default void onAck(WireConnection connection, long ackId, String body) {
        }

        /** An EVENT packet; {@code body} is the JSON array {@code ["name", args...]}. */
        default void onEvent(WireConnection connection, String body) {
        }

        /** The connection closed, or was refused, before or after it was ready. */
        default void onClosed(WireConnection connection, String why) {
        }
    }

    private final int index;
    private final String namespacePrefix;
    private final Listener listener;
    private Channel channel;
    private boolean ready;
    private boolean closedReported;
    private long nextAckId;

    /**
     * @param index the connection's number in its scenario
     * @param namespace "/" or a namespace such as "/custom"
     */
    WireConnection(int index, String namespace, Listener listener) {
        this.index = index;
        this.namespacePrefix = namespace.equals("/") ? "" : namespace + ",";
        this.listener = listener;
    }

    int index() {
        return index;
    }

    boolean ready() {
        return ready;
    }

    Channel channel() {
        return channel;
    }

    /**
     * Emits {@code ["event", argJson]} with a fresh ack id and returns that id. {@code argJson} must be valid
     * JSON.
     */
    long emitWithAck(String event, String argJson) {
        long id = nextAckId++;
        send("42" + namespacePrefix + id + "[\"" + event + "\"," + argJson + "]");
        return id;
    }

    /** Emits {@code ["event", argJson]} without an ack. */
    void emit(String event, String argJson) {
        send("42" + namespacePrefix + "[\"" + event + "\"," + argJson + "]");
    }

    private void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(
                channel.alloc().buffer(text.length()).writeBytes(text.getBytes(StandardCharsets.UTF_8))));
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame frame) {
                onText(frame.content().toString(StandardCharsets.UTF_8));
            } else if (msg instanceof WebSocketFrame frame && !(msg instanceof TextWebSocketFrame)) {
                // the contract is JSON only; a binary frame here means the server is not speaking it
                reportClosed("unexpected binary frame of " + ByteBufUtil.hexDump(frame.content(), 0,
                        Math.min(16, frame.content().readableBytes())));
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(String text) {
        if (text.isEmpty()) {
            return;
        }
        char type = text.charAt(0);
        switch (type) {
            case '0' -> send("40" + namespacePrefix);   // Engine.IO open: join the namespace
            case '2' -> send("3");                        // ping: pong
            case '1' -> reportClosed("server sent Engine.IO close");
            case '4' -> onSocketIo(text);
            default -> { }
        }
    }

    private void onSocketIo(String text) {
        if (text.length() < 2) {
            return;
        }
        char type = text.charAt(1);
        int pos = 2;
        if (!namespacePrefix.isEmpty()) {
            if (!text.startsWith(namespacePrefix, pos)) {
                return;
            }
            pos += namespacePrefix.length();
        }
        switch (type) {
            case '0' -> {
                if (!ready) {
                    ready = true;
                    listener.onReady(this);
                }
            }
            case '2' -> {
                int body = skipDigits(text, pos);
                listener.onEvent(this, text.substring(body));
            }
            case '3' -> {
                int body = skipDigits(text, pos);
                long id = body > pos ? Long.parseLong(text, pos, body, 10) : -1;
                listener.onAck(this, id, text.substring(body));
            }
            case '4' -> reportClosed("CONNECT_ERROR " + text.substring(pos));
            case '1' -> reportClosed("server sent DISCONNECT");
            default -> { }
        }
    }

    private static int skipDigits(String text, int pos) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reportClosed("connection closed");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reportClosed(cause.toString());
        ctx.close();
    }

    /** Fails a connection that could not be opened at all. */
    void failed(Throwable cause) {
        reportClosed("connect failed: " + cause);
    }

    private void reportClosed(String why) {
        if (!closedReported) {
            closedReported = true;
            listener.onClosed(this, why);
        }
    }
}
