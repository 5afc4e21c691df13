package io.tether.engine.spi;

import io.tether.engine.EngineLoop;
import io.tether.engine.EngineOptions;
import io.tether.engine.EngineRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * An Engine.IO server as a network layer sees it (tether-netty, a servlet transport): it checks requests and
 * opens and finds sessions. Obtained from {@link io.tether.engine.EngineServer#transports()}.
 *
 * <pre>{@code
 * Optional<RequestError> error = server.verify(request, false);
 * if (error.isEmpty() && request.query("sid") == null) {
 *     TransportSession session = server.openPolling(request, loop);
 *     session.polling().onPoll(responder);                 // the handshake GET gets the open packet
 * }
 * }</pre>
 */
public interface TransportServer {
    /** The server's settings (path, payload limit, CORS, ...). */
    EngineOptions options();

    /**
     * Checks a request the way Node does, before anything else happens: transport, sid, handshake method,
     * protocol version and the {@code allowRequest} hook.
     *
     * @param upgrade whether the request asks for a WebSocket upgrade
     */
    Optional<RequestError> verify(EngineRequest request, boolean upgrade);

    /**
     * Opens a polling session for a verified handshake GET, on the caller's loop. The caller then hands that
     * same GET to {@link PollingTransport#onPoll} of {@link TransportSession#polling()}.
     */
    TransportSession openPolling(EngineRequest request, EngineLoop loop);

    /**
     * Opens a session whose first transport is a WebSocket, on the caller's loop; the factory makes that
     * transport for the new session, and the open packet is sent on it before this returns.
     */
    TransportSession openWebSocket(EngineRequest request, EngineLoop loop,
            Function<TransportSession, Transport> transportFactory);

    /** The open session with this id, or null. */
    TransportSession session(String sid);
}
