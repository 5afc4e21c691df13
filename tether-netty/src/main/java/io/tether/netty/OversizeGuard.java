package io.tether.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Refuses, before it is read, a request body larger than its endpoint's {@code maxHttpBufferSize}: 413, and
 * the session it was posted to is closed.
 */
final class OversizeGuard extends ChannelInboundHandlerAdapter {
    private final List<EngineEndpoint> endpoints;
    private boolean discarding;

    OversizeGuard(List<EngineEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            discarding = false;
            long length = HttpUtil.getContentLength(request, -1L);
            if (length > 0) {
                EngineEndpoint endpoint = HttpRouter.route(endpoints, new QueryStringDecoder(request.uri()).path());
                if (endpoint != null && length > endpoint.maxPayload()) {
                    discarding = true;
                    ReferenceCountUtil.release(msg);
                    endpoint.rejectOversized(ctx, request.uri());
                    return;
                }
            }
        } else if (discarding && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
