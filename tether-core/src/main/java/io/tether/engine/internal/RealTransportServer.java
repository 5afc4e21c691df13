package io.tether.engine.internal;

import io.tether.engine.AllowRequest;
import io.tether.engine.EngineError;
import io.tether.engine.EngineLoop;
import io.tether.engine.EngineOptions;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineSession;
import io.tether.engine.TransportType;
import io.tether.engine.spi.RequestError;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportServer;
import io.tether.engine.spi.TransportSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link io.tether.engine.EngineServer} delegates to: request checks, the open sessions by id, opening. */
public final class RealTransportServer implements TransportServer {
    private static final Logger log = LoggerFactory.getLogger(RealTransportServer.class);

    private final EngineOptions options;
    private final Map<String, RealEngineSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<EngineSession>> connectionListeners = new CopyOnWriteArrayList<>();

    public RealTransportServer(EngineOptions options) {
        this.options = options;
    }

    @Override
    public EngineOptions options() {
        return options;
    }

    public void onConnection(Consumer<EngineSession> listener) {
        connectionListeners.add(Objects.requireNonNull(listener));
    }

    /** The open session with this id, or null. */
    public RealEngineSession find(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    @Override
    public TransportSession session(String sid) {
        return find(sid);
    }

    public Collection<EngineSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int clientsCount() {
        return sessions.size();
    }

    @Override
    public Optional<RequestError> verify(EngineRequest request, boolean upgrade) {
        TransportType transport = TransportType.fromWireName(request.query("transport")).orElse(null);
        if (transport == null || !options.transports().contains(transport)) {
            return Optional.of(new RequestError(EngineError.UNKNOWN_TRANSPORT));
        }
        if (upgrade != (transport == TransportType.WEBSOCKET)) {
            return Optional.of(new RequestError(EngineError.BAD_REQUEST));
        }
        String sid = request.query("sid");
        if (sid != null) {
            RealEngineSession session = sessions.get(sid);
            if (session == null) {
                return Optional.of(new RequestError(EngineError.UNKNOWN_SID));
            }
            if (!upgrade && transport != session.transportType()) {
                return Optional.of(new RequestError(EngineError.BAD_REQUEST));
            }
            return Optional.empty();
        }
        if (!"GET".equals(request.method())) {
            return Optional.of(new RequestError(EngineError.BAD_HANDSHAKE_METHOD));
        }
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
        // checked last, as Node does in its handshake, after allowRequest has had its say
        if (protocolOf(request) < 0) {
            return Optional.of(new RequestError(EngineError.UNSUPPORTED_PROTOCOL_VERSION));
        }
        return Optional.empty();
    }

    /** The protocol version a handshake asks for (4, or 3 when allowed), or -1. */
    private int protocolOf(EngineRequest request) {
        String eio = request.query("EIO");
        if ("4".equals(eio)) {
            return 4;
        }
        if ("3".equals(eio) && options.allowEIO3()) {
            return 3;
        }
        return -1;
    }

    @Override
    public TransportSession openPolling(EngineRequest request, EngineLoop loop) {
        RealEngineSession session = newSession(request, loop);
        start(session, new RealPollingTransport(session));
        return session;
    }

    @Override
    public TransportSession openWebSocket(EngineRequest request, EngineLoop loop,
            Function<TransportSession, Transport> transportFactory) {
        RealEngineSession session = newSession(request, loop);
        start(session, transportFactory.apply(session));
        session.onWritable(session.transport());
        return session;
    }

    private RealEngineSession newSession(EngineRequest request, EngineLoop loop) {
        int protocol = protocolOf(request);
        if (protocol < 0) {
            throw new IllegalArgumentException("unverified handshake: unsupported protocol");
        }
        return new RealEngineSession(Ids.random(), this, request, protocol, loop);
    }

    private void start(RealEngineSession session, Transport transport) {
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

    void remove(RealEngineSession session) {
        sessions.remove(session.id(), session);
    }

    /** Closes every session. */
    public void close() {
        for (RealEngineSession session : new ArrayList<>(sessions.values())) {
            session.close();
        }
    }

}
