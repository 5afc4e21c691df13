package io.tether.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves files from the classpath under a URL prefix; {@code index.html} stands for a directory. */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "application/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "map", "application/json");

    private final String urlPrefix;
    private final String classpathRoot;
    private final ClassLoader loader;

    StaticFiles(String urlPrefix, String classpathRoot, ClassLoader loader) {
        this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix : urlPrefix + "/";
        String root = classpathRoot.startsWith("classpath:") ? classpathRoot.substring("classpath:".length())
                : classpathRoot;
        root = root.startsWith("/") ? root.substring(1) : root;
        this.classpathRoot = root.endsWith("/") || root.isEmpty() ? root : root + "/";
        this.loader = loader;
    }

    /** Answers the request if it names a file; returns false when it does not. */
    boolean serve(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return false;
        }
        if (!(path + "/").startsWith(urlPrefix) || path.contains("..") || path.contains("\\")) {
            return false;
        }
        String relative = path.length() >= urlPrefix.length() ? path.substring(urlPrefix.length()) : "";
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative += "index.html";
        }
        byte[] body;
        try (InputStream in = loader.getResourceAsStream(classpathRoot + relative)) {
            if (in == null) {
                return false;
            }
            body = in.readAllBytes();
        } catch (IOException e) {
            return false;
        }
        send(ctx, request, relative, body, keepAlive);
        return true;
    }

    static String contentType(String fileName) {
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** Sends a file's bytes with its content type, an ETag and revalidation (304 when the ETag matches). */
    static void send(ChannelHandlerContext ctx, FullHttpRequest request, String fileName, byte[] body,
            boolean keepAlive) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "-"
                + Integer.toHexString(body.length) + "\"";
        if (etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            FullHttpResponse notModified = HttpResponses.response(HttpResponseStatus.NOT_MODIFIED, null,
                    Unpooled.EMPTY_BUFFER);
            notModified.headers().set(HttpHeaderNames.ETAG, etag);
            HttpResponses.send(ctx, notModified, keepAlive);
            return;
        }
        FullHttpResponse response = HttpResponses.response(HttpResponseStatus.OK, contentType(fileName),
                HttpMethod.HEAD.equals(request.method()) ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.ETAG, etag);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=0");
        HttpResponses.send(ctx, response, keepAlive);
    }
}
