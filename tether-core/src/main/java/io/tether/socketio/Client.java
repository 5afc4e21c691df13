package io.tether.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tether.engine.EngineLoop;
import io.tether.engine.EnginePacket;
import io.tether.engine.EngineRequest;
import io.tether.engine.EngineSession;
import io.tether.engine.internal.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of one Engine.IO session: decodes its packets, multiplexes them over the namespaces
 * it joined, and encodes what the sockets send. Everything runs on the session's loop.
 */
final class Client {
    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final SocketIoServer server;
    private final EngineSession session;
    private final SocketIoParser.Decoder decoder;
    private final Map<String, Socket> sockets = new HashMap<>();
    private final Instant issued = Instant.now();
    private EngineLoop.Cancellable connectTimer;
    private boolean open = true;

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.decoder = server.parser().newDecoder();
    }

    void start() {
        session.onMessage(this::onMessage);
        session.onClose((reason, description) -> onClose(reasonOf(reason)));
        if (session.protocol() < 4) {
            // Socket.IO v2 clients are in the main namespace as soon as they are connected
            connect("/", null);
        } else {
            connectTimer = session.loop().schedule(() -> {
                if (sockets.isEmpty() && open) {
                    log.debug("client {}: no namespace joined in time, closing", session.id());
                    session.close();
                }
            }, server.options().connectTimeout().toMillis());
        }
    }

    EngineSession session() {
        return session;
    }

    int protocol() {
        return session.protocol();
    }

    boolean isOpen() {
        return open;
    }

    void runOnLoop(Runnable task) {
        session.loop().run(task);
    }

    private void onMessage(EnginePacket message) {
        SocketIoPacket packet;
        try {
            packet = decoder.add(message);
        } catch (SocketIoProtocolException e) {
            log.debug("client {}: invalid packet: {}", session.id(), e.getMessage());
            closeWithReason(DisconnectReason.PARSE_ERROR);
            return;
        }
        if (packet != null) {
            dispatch(packet);
        }
    }

    private void dispatch(SocketIoPacket packet) {
        String nsp = packet.namespace();
        JsonNode auth = packet.data();
        if (session.protocol() < 4) {
            // v2 clients put their parameters in the namespace's query string; Node makes them the auth payload
            var params = JsonNodeFactory.instance.objectNode();
            int q = nsp.indexOf('?');
            if (q >= 0) {
                parseQuery(nsp.substring(q + 1)).forEach(params::put);
                nsp = nsp.substring(0, q);
            }
            auth = params;
        }
        Socket socket = sockets.get(nsp);
        if (socket == null && packet.type() == PacketType.CONNECT) {
            connect(nsp, auth);
        } else if (socket != null && packet.type() != PacketType.CONNECT && packet.type() != PacketType.CONNECT_ERROR) {
            socket.onPacket(packet);
        } else if (socket == null && packet.type() == PacketType.DISCONNECT) {
            log.debug("client {}: disconnect from {} which it had not joined", session.id(), nsp);
        } else {
            log.debug("client {}: {} packet in the wrong state for {}", session.id(), packet.type(), nsp);
            closeWithReason(DisconnectReason.FORCED_SERVER_CLOSE);
        }
    }

    private void connect(String nsp, JsonNode auth) {
        Namespace namespace = server.namespace(nsp);
        if (namespace == null) {
            var error = JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace");
            send(new SocketIoPacket(PacketType.CONNECT_ERROR, nsp, SocketIoPacket.NO_ACK, error));
            return;
        }
        namespace.add(this, auth);
    }

    void register(String nsp, Socket socket) {
        sockets.put(nsp, socket);
        if (connectTimer != null) {
            connectTimer.cancel();
            connectTimer = null;
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    String socketIdFor(String nsp) {
        if (session.protocol() < 4) {
            return "/".equals(nsp) ? session.id() : nsp + "#" + session.id();
        }
        return Ids.random();
    }

    Handshake handshake(JsonNode auth) {
        EngineRequest request = session.request();
        String address = request.remoteAddress() == null ? null
                : request.remoteAddress().getAddress() != null
                        ? request.remoteAddress().getAddress().getHostAddress()
                        : request.remoteAddress().getHostString();
        JsonNode authNode = auth != null ? auth : JsonNodeFactory.instance.objectNode();
        return new Handshake(request.headers(), request.query(), authNode, address, issued, request.url(), request.secure(),
                request.header("origin") != null);
    }

    // ---- sending ----

    void send(SocketIoPacket packet) {
        sendEncoded(server.parser().encode(packet));
    }

    void sendEncoded(List<EnginePacket> encoded) {
        session.send(encoded);
    }

    void sendEncoded(List<EnginePacket> encoded, boolean isVolatile) {
        if (isVolatile) {
            session.sendVolatile(encoded);
        } else {
            session.send(encoded);
        }
    }

    // ---- closing ----

    /** Disconnects every socket with {@code server namespace disconnect}, then closes the connection. */
    void disconnectAll() {
        for (Socket socket : new ArrayList<>(sockets.values())) {
            send(new SocketIoPacket(PacketType.DISCONNECT, socket.namespace().name(), SocketIoPacket.NO_ACK, null));
            socket.onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        }
        session.close();
    }

    /**
     * Disconnects every socket with a reason, then closes the connection once what is queued has left
     * (Node closes the same way, so that a polling client still receives its last packets).
     */
    void closeWithReason(DisconnectReason reason) {
        onClose(reason);
        session.close();
    }

    /** The connection closed: every socket disconnects with this reason. */
    void onClose(DisconnectReason reason) {
        if (!open) {
            return;
        }
        open = false;
        if (connectTimer != null) {
            connectTimer.cancel();
        }
        for (Socket socket : new ArrayList<>(sockets.values())) {
            socket.onClose(reason);
        }
        sockets.clear();
    }

    /** The socket's reason for an engine close reason; one given to {@code closeNow} is the server's doing. */
    private static DisconnectReason reasonOf(String engineReason) {
        try {
            return DisconnectReason.fromWireName(engineReason);
        } catch (IllegalArgumentException e) {
            return DisconnectReason.FORCED_CLOSE;
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(decode(key), decode(value));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
