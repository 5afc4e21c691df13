package io.tether.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;

/** Writes complete HTTP responses, keeping the connection open when the client allows it. */
final class HttpResponses {
    static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
    static final String TEXT_HTML = "text/html";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    private HttpResponses() {}

    static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        return response(status, contentType, Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
    }

    static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    /** Sends a response; closes the connection afterwards unless keep-alive applies. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static void sendStatus(ChannelHandlerContext ctx, HttpResponseStatus status, boolean keepAlive) {
        send(ctx, response(status, TEXT_PLAIN, status.reasonPhrase()), keepAlive);
    }

    static boolean isKeepAlive(HttpHeaders headers, HttpVersion version) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null && connection.toLowerCase().contains("close")) {
            return false;
        }
        return version.isKeepAliveDefault()
                || (connection != null && connection.toLowerCase().contains("keep-alive"));
    }
}
