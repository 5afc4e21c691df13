package io.tether.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each HTTP request to the Engine.IO endpoint whose path it starts with, or to the static files. */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRouter.class);

    /** Run when the connection closes: set while a long-polling GET waits on it. */
    static final AttributeKey<Runnable> ON_CLOSE = AttributeKey.valueOf("tether.onClose");

    private final List<EngineEndpoint> endpoints;
    private final StaticFiles staticFiles;
    private final java.util.Map<String, FileRoute> files;

    /** A classpath file served at an exact path, before any Engine.IO endpoint. */
    record FileRoute(String urlPath, String classpathResource, byte[] body) { }

    HttpRouter(List<EngineEndpoint> endpoints, StaticFiles staticFiles, java.util.Map<String, FileRoute> files) {
        this.endpoints = endpoints;
        this.staticFiles = staticFiles;
        this.files = files;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpResponses.isKeepAlive(request.headers(), request.protocolVersion());
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.sendStatus(ctx, HttpResponseStatus.BAD_REQUEST, false);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        FileRoute file = files.get(path);
        if (file != null && (io.netty.handler.codec.http.HttpMethod.GET.equals(request.method())
                || io.netty.handler.codec.http.HttpMethod.HEAD.equals(request.method()))) {
            StaticFiles.send(ctx, request, file.classpathResource(), file.body(), keepAlive);
            return;
        }
        EngineEndpoint endpoint = route(endpoints, path);
        if (endpoint != null) {
            endpoint.handle(ctx, request, keepAlive);
        } else if (staticFiles != null && staticFiles.serve(ctx, request, path, keepAlive)) {
            return;
        } else {
            HttpResponses.sendStatus(ctx, HttpResponseStatus.NOT_FOUND, keepAlive);
        }
    }

    static EngineEndpoint route(List<EngineEndpoint> endpoints, String path) {
        for (EngineEndpoint endpoint : endpoints) {
            if (endpoint.matches(path)) {
                return endpoint;
            }
        }
        return null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Runnable onClose = ctx.channel().attr(ON_CLOSE).getAndSet(null);
        if (onClose != null) {
            onClose.run();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection error: {}", cause.toString());
        ctx.close();
    }
}
