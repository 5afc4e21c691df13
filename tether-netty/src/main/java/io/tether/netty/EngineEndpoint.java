package io.tether.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.CharsetUtil;
import io.tether.engine.CorsOptions;
import io.tether.engine.EngineError;
import io.tether.engine.EngineRequest;
import io.tether.engine.spi.PollingTransport;
import io.tether.engine.spi.RequestError;
import io.tether.engine.spi.TransportServer;
import io.tether.engine.spi.TransportSession;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one Engine.IO server at its path: polling GETs and POSTs, and WebSocket upgrades. */
final class EngineEndpoint {
    private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);

    private final TransportServer engine;
    private final StringDedup strings = new StringDedup();

    EngineEndpoint(TransportServer engine) {
        this.engine = engine;
    }

    String path() {
        return engine.options().path();
    }

    long maxPayload() {
        return engine.options().maxHttpBufferSize();
    }

    boolean matches(String uriPath) {
        String path = path();
        return uriPath.startsWith(path) || uriPath.equals(path.substring(0, path.length() - 1));
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest http, boolean keepAlive) {
        EngineRequest request = toEngineRequest(ctx, http);
        String origin = request.header("origin");
        if (HttpMethod.OPTIONS.equals(http.method()) && engine.options().cors().enabled()) {
            FullHttpResponse preflight = HttpResponses.response(HttpResponseStatus.NO_CONTENT, null, "");
            addCors(preflight, origin);
            preflight.headers().set("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
            String requested = http.headers().get("Access-Control-Request-Headers");
            if (requested != null) {
                preflight.headers().set("Access-Control-Allow-Headers", requested);
            }
            HttpResponses.send(ctx, preflight, keepAlive);
            return;
        }
        boolean upgrade = "websocket".equalsIgnoreCase(http.headers().get(HttpHeaderNames.UPGRADE));
        Optional<RequestError> error = engine.verify(request, upgrade);
        if (error.isPresent()) {
            sendError(ctx, error.get(), origin, upgrade ? false : keepAlive);
            return;
        }
        if (upgrade) {
            upgradeToWebSocket(ctx, http, request);
            return;
        }
        String sid = request.query("sid");
        if (sid == null) {
            TransportSession session = engine.openPolling(request, NettyEngineLoop.of(ctx.channel().eventLoop()));
            poll(ctx, session, origin, keepAlive);
            return;
        }
        TransportSession session = engine.session(sid);
        if (session == null) {
            sendError(ctx, new RequestError(EngineError.UNKNOWN_SID), origin, keepAlive);
            return;
        }
        if (HttpMethod.GET.equals(http.method())) {
            session.runInOrder(session.takeTicket(), () -> poll(ctx, session, origin, keepAlive));
        } else if (HttpMethod.POST.equals(http.method())) {
            boolean binary = "application/octet-stream".equalsIgnoreCase(
                    http.headers().get(HttpHeaderNames.CONTENT_TYPE));
            byte[] body = ByteBufUtil.getBytes(http.content());
            session.runInOrder(session.takeTicket(), () -> post(ctx, session, body, binary, origin, keepAlive));
        } else {
            sendError(ctx, new RequestError(EngineError.BAD_REQUEST), origin, keepAlive);
        }
    }

    /** A POST announced a body over the limit: refuse it and close its session, as Node does. */
    void rejectOversized(ChannelHandlerContext ctx, String uri) {
        String sid = new QueryStringDecoder(uri).parameters().getOrDefault("sid", List.of()).stream()
                .findFirst().orElse(null);
        TransportSession session = engine.session(sid);
        if (session != null) {
            session.loop().execute(() -> {
                PollingTransport polling = session.polling();
                if (polling != null) {
                    polling.onError("payload too large");
                }
            });
        }
        HttpResponses.sendStatus(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, false);
    }

    private void poll(ChannelHandlerContext ctx, TransportSession session, String origin, boolean keepAlive) {
        PollingTransport polling = session.polling();
        if (polling == null) {
            sendError(ctx, new RequestError(EngineError.BAD_REQUEST), origin, keepAlive);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        PollingTransport.PollResponder responder = new PollingTransport.PollResponder() {
            @Override
            public void respond(String payload) {
                answer(HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT_PLAIN, payload));
            }

            @Override
            public void respond(byte[] payload) {
                answer(HttpResponses.response(HttpResponseStatus.OK, HttpResponses.OCTET_STREAM,
                        Unpooled.wrappedBuffer(payload)));
            }

            private void answer(FullHttpResponse response) {
                if (answered.compareAndSet(false, true)) {
                    ctx.channel().attr(HttpRouter.ON_CLOSE).set(null);
                    addCors(response, origin);
                    HttpResponses.send(ctx, response, keepAlive);
                } else {
                    response.release();
                }
            }
        };
        if (!polling.onPoll(responder)) {
            answered.set(true);
            sendError(ctx, new RequestError(EngineError.BAD_REQUEST), origin, keepAlive);
            return;
        }
        if (!answered.get()) {
            // if the client drops this connection while its GET waits, the session must know (see HttpRouter)
            ctx.channel().attr(HttpRouter.ON_CLOSE).set(() -> session.loop().execute(() -> {
                if (!answered.get()) {
                    polling.onPollAborted(responder);
                }
            }));
        }
    }

    private void post(ChannelHandlerContext ctx, TransportSession session, byte[] body, boolean binary, String origin,
            boolean keepAlive) {
        PollingTransport polling = session.polling();
        if (polling == null) {
            sendError(ctx, new RequestError(EngineError.BAD_REQUEST), origin, keepAlive);
            return;
        }
        PollingTransport.DataResult result = binary
                ? polling.onBinaryData(body)
                : polling.onData(new String(body, CharsetUtil.UTF_8));
        if (result == PollingTransport.DataResult.OK) {
            FullHttpResponse response = HttpResponses.response(HttpResponseStatus.OK, HttpResponses.TEXT_HTML, "ok");
            addCors(response, origin);
            HttpResponses.send(ctx, response, keepAlive);
        } else {
            sendError(ctx, new RequestError(EngineError.BAD_REQUEST), origin, keepAlive);
        }
    }

    private void upgradeToWebSocket(ChannelHandlerContext ctx, FullHttpRequest http, EngineRequest request) {
        String scheme = request.secure() ? "wss" : "ws";
        String url = scheme + "://" + http.headers().get(HttpHeaderNames.HOST) + http.uri();
        int maxPayload = (int) Math.min(Integer.MAX_VALUE, maxPayload());
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(url, null, true, maxPayload);
        WebSocketServerHandshaker handshaker = factory.newHandshaker(http);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        String sid = request.query("sid");
        var pipeline = ctx.pipeline();
        handshaker.handshake(ctx.channel(), http).addListener(f -> {
            if (!f.isSuccess()) {
                log.debug("WebSocket handshake failed", f.cause());
                ctx.close();
                return;
            }
            pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(maxPayload));
            WebSocketTransport.Handler handler = new WebSocketTransport.Handler();
            pipeline.addLast("ws-transport", handler);
            if (pipeline.get(HttpRouter.class) != null) {
                pipeline.remove(HttpRouter.class);
            }
            if (pipeline.get(OversizeGuard.class) != null) {
                pipeline.remove(OversizeGuard.class);
            }
            if (sid == null) {
                engine.openWebSocket(request, NettyEngineLoop.of(ctx.channel().eventLoop()),
                        session -> handler.attach(session, ctx.channel()));
                return;
            }
            TransportSession session = engine.session(sid);
            if (session == null) {
                ctx.close();
                return;
            }
            // attach now, on this channel's loop, so that no frame arriving before the upgrade starts is lost
            WebSocketTransport transport = handler.attach(session, ctx.channel());
            session.runInOrder(session.takeTicket(), () -> {
                if (!session.maybeUpgrade(transport)) {
                    transport.close();
                }
            });
        });
    }

    private void sendError(ChannelHandlerContext ctx, RequestError error, String origin, boolean keepAlive) {
        FullHttpResponse response = HttpResponses.response(HttpResponseStatus.valueOf(error.error().httpStatus()),
                HttpResponses.JSON, error.toJson());
        addCors(response, origin);
        HttpResponses.send(ctx, response, keepAlive);
    }

    private void addCors(FullHttpResponse response, String origin) {
        CorsOptions cors = engine.options().cors();
        if (!cors.enabled()) {
            return;
        }
        String allowed = cors.allowOriginFor(origin);
        if (allowed == null) {
            return;
        }
        response.headers().set("Access-Control-Allow-Origin", allowed);
        if (!"*".equals(allowed)) {
            response.headers().set(HttpHeaderNames.VARY, "Origin");
        }
        if (cors.credentials()) {
            response.headers().set("Access-Control-Allow-Credentials", "true");
        }
    }

    /** Whether the connection is TLS: a TLS server puts an {@link SslHandler} in the channel's pipeline. */
    private static boolean isTls(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    private EngineRequest toEngineRequest(ChannelHandlerContext ctx, FullHttpRequest http) {
        QueryStringDecoder decoder = new QueryStringDecoder(http.uri());
        Map<String, String> query = new HashMap<>();
        decoder.parameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                query.put(strings.of(k), strings.parameterValue(k, v.get(0)));
            }
        });
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> h : http.headers()) {
            String name = strings.of(h.getKey().toLowerCase(Locale.ROOT));
            headers.merge(name, strings.headerValue(name, h.getValue()), (a, b) -> a + ", " + b);
        }
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        return new EngineRequest(http.method().name(), strings.of(http.uri()), query, headers, remote, isTls(ctx));
    }
}
