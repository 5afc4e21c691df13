package io.tether.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Engine.IO server without network code: it checks requests, opens sessions and keeps them by id.
 * {@code tether-netty} feeds it HTTP requests and WebSocket frames.
 *
 * <pre>{@code
 * EngineServer engine = EngineServer.create(EngineOptions.defaults());
 * engine.onConnection(session -> session.onMessage(session::send));   // an echo server
 * }</pre>
 */
public final class EngineServer {
    private static final Logger log = LoggerFactory.getLogger(EngineServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A refused request: the error and the message to send. */
    public record RequestError(EngineError error, String message) {
        public RequestError(EngineError error) {
            this(error, error.message());
        }

        /** The JSON body Node sends: {@code {"code":N,"message":"..."}}. */
        public String toJson() {
            return "{\"code\":" + error.code() + ",\"message\":\"" + escape(message) + "\"}";
        }
    }

    private final EngineOptions options;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<EngineSession>> connectionListeners = new CopyOnWriteArrayList<>();

    private EngineServer(EngineOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A server with the given settings. */
    public static EngineServer create(EngineOptions options) {
        return new EngineServer(options);
    }

    public EngineOptions options() {
        return options;
    }

    /** Adds a listener told of every new session, on that session's loop, before its first flush. */
    public void onConnection(Consumer<EngineSession> listener) {
        connectionListeners.add(Objects.requireNonNull(listener));
    }

    /** The open session with this id, or null. */
    public EngineSession session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /** The open sessions. */
    public Collection<EngineSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /** How many sessions are open. */
    public int clientsCount() {
        return sessions.size();
    }

    /**
     * Checks a request the way Node does, before anything else happens: transport, sid, handshake method,
     * protocol version and the {@code allowRequest} hook.
     *
     * @param upgrade whether the request asks for a WebSocket upgrade
     */
    public Optional<RequestError> verify(EngineRequest request, boolean upgrade) {
        String transport = request.query("transport");
        if (transport == null || !options.transports().contains(transport)) {
            return Optional.of(new RequestError(EngineError.UNKNOWN_TRANSPORT));
        }
        if (upgrade != EngineOptions.WEBSOCKET.equals(transport)) {
            return Optional.of(new RequestError(EngineError.BAD_REQUEST));
        }
        String sid = request.query("sid");
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                return Optional.of(new RequestError(EngineError.UNKNOWN_SID));
            }
            if (!upgrade && !transport.equals(session.transport().name())) {
                return Optional.of(new RequestError(EngineError.BAD_REQUEST));
            }
            return Optional.empty();
        }
        if (!"GET".equals(request.method())) {
            return Optional.of(new RequestError(EngineError.BAD_HANDSHAKE_METHOD));
        }
        if (options.allowRequest() != null) {
            AllowRequest.Verdict verdict;
            try {
                verdict = options.allowRequest().check(request);
            } catch (RuntimeException e) {
                log.warn("allowRequest hook failed; refusing the request", e);
                verdict = AllowRequest.Verdict.refuse(null);
            }
            if (verdict == null || !verdict.allowed()) {
                String message = verdict != null && verdict.message() != null
                        ? verdict.message() : EngineError.FORBIDDEN.message();
                return Optional.of(new RequestError(EngineError.FORBIDDEN, message));
            }
        }
        // checked last, as Node does in its handshake, after allowRequest has had its say
        if (protocolOf(request) < 0) {
            return Optional.of(new RequestError(EngineError.UNSUPPORTED_PROTOCOL_VERSION));
        }
        return Optional.empty();
    }

    /** The protocol version a handshake asks for (4, or 3 when allowed), or -1. */
    int protocolOf(EngineRequest request) {
        String eio = request.query("EIO");
        if ("4".equals(eio)) {
            return 4;
        }
        if ("3".equals(eio) && options.allowEIO3()) {
            return 3;
        }
        return -1;
    }

    /**
     * Opens a polling session for a verified handshake GET. The caller then hands that same GET to
     * {@link PollingTransport#onPoll}, on the session's loop, which is the caller's thread.
     */
    public EngineSession openPolling(EngineRequest request, EngineLoop loop) {
        EngineSession session = newSession(request, loop);
        PollingTransport transport = new PollingTransport(session);
        start(session, transport);
        return session;
    }

    /** Opens a session whose first transport is a WebSocket, on the caller's loop; the open packet is sent. */
    public EngineSession openWebSocket(EngineRequest request, EngineLoop loop,
            java.util.function.Function<EngineSession, Transport> transportFactory) {
        EngineSession session = newSession(request, loop);
        start(session, transportFactory.apply(session));
        session.flushTo(session.transport());
        return session;
    }

    private EngineSession newSession(EngineRequest request, EngineLoop loop) {
        int protocol = protocolOf(request);
        if (protocol < 0) {
            throw new IllegalArgumentException("unverified handshake: unsupported protocol");
        }
        return new EngineSession(newId(), this, request, protocol, loop);
    }

    private void start(EngineSession session, Transport transport) {
        sessions.put(session.id(), session);
        session.open(transport);
        for (Consumer<EngineSession> listener : connectionListeners) {
            try {
                listener.accept(session);
            } catch (RuntimeException e) {
                log.error("connection listener failed for session {}", session.id(), e);
            }
        }
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    /** Closes every session. */
    public void close() {
        for (EngineSession session : new ArrayList<>(sessions.values())) {
            session.close();
        }
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
