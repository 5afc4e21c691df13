package io.tether.engine.internal;

import io.tether.engine.EngineCodec;
import io.tether.engine.EnginePacket;
import io.tether.engine.EnginePacketType;
import io.tether.engine.EngineProtocolException;
import io.tether.engine.TransportType;
import io.tether.engine.spi.PollingTransport;
import java.util.List;

/**
 * HTTP long-polling: a GET waits until the session has packets for it, a POST delivers the client's packets.
 * The network layer hands every request of a polling session to this class, on the session's loop.
 */
public final class RealPollingTransport implements PollingTransport {
    private final RealEngineSession session;
    private PollResponder pendingPoll;
    private boolean closeRequested;
    private boolean closed;

    RealPollingTransport(RealEngineSession session) {
        this.session = session;
    }

    @Override
    public TransportType type() {
        return TransportType.POLLING;
    }

    @Override
    public boolean writable() {
        return pendingPoll != null;
    }

    @Override
    public boolean onPoll(PollResponder responder) {
        if (closed || session.transport() != this) {
            return false;
        }
        if (pendingPoll != null) {
            session.onTransportError(this, "overlap from client");
            return false;
        }
        pendingPoll = responder;
        if (closeRequested) {
            // the server closed the session while no GET was waiting: this GET carries the close
            List<EnginePacket> last = session.takeBuffer();
            last.add(EnginePacket.CLOSE);
            send(last);
            closed = true;
            session.onPollingCloseDelivered();
            return true;
        }
        session.onWritable(this);
        if (pendingPoll != null && session.upgradeProbed()) {
            // a probed upgrade is under way: release the GET so the client can switch
            send(List.of(EnginePacket.NOOP));
        }
        return true;
    }

    @Override
    public void onPollAborted(PollResponder responder) {
        if (pendingPoll == responder && !closed) {
            pendingPoll = null;
            session.onTransportError(this, "poll connection closed prematurely");
        }
    }

    @Override
    public void onError(String description) {
        session.onTransportError(this, description);
    }

    @Override
    public DataResult onData(String body) {
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(body, session.protocol());
        } catch (EngineProtocolException e) {
            session.onParseError(this, e);
            return DataResult.BAD_REQUEST;
        }
        return deliver(packets);
    }

    @Override
    public DataResult onBinaryData(byte[] body) {
        if (session.protocol() >= 4) {
            session.onParseError(this, new EngineProtocolException("binary polling payload in protocol 4"));
            return DataResult.BAD_REQUEST;
        }
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodeV3BinaryPayload(body);
        } catch (EngineProtocolException e) {
            session.onParseError(this, e);
            return DataResult.BAD_REQUEST;
        }
        return deliver(packets);
    }

    private DataResult deliver(List<EnginePacket> packets) {
        if (closed || session.transport() != this) {
            return DataResult.CLOSED;
        }
        for (EnginePacket packet : packets) {
            if (packet.type() == EnginePacketType.CLOSE) {
                // the client leaves: release its GET cleanly, as Node does
                if (pendingPoll != null) {
                    send(List.of(EnginePacket.NOOP));
                }
                session.onTransportClose(this);
                return DataResult.OK;
            }
            session.onPacket(this, packet);
            if (closed) {
                break;
            }
        }
        return DataResult.OK;
    }

    @Override
    public void send(List<EnginePacket> packets) {
        PollResponder responder = pendingPoll;
        if (responder == null) {
            throw new IllegalStateException("no pending poll");
        }
        pendingPoll = null;
        if (session.protocol() < 4 && supportsBinary() && packets.stream().anyMatch(EnginePacket::isBinary)) {
            responder.respond(EngineCodec.encodeV3BinaryPayload(packets));
        } else {
            responder.respond(EngineCodec.encodePayload(packets, session.protocol()));
        }
    }

    /** Whether the client reads binary payloads: v3 clients that cannot say so with {@code b64=1}, as in Node. */
    private boolean supportsBinary() {
        return session.request().query("b64") == null;
    }

    /** Releases a waiting GET with a noop; the transport has been replaced by a WebSocket. */
    void discard() {
        if (pendingPoll != null) {
            send(List.of(EnginePacket.NOOP));
        }
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (pendingPoll != null) {
            send(List.of(EnginePacket.CLOSE));
            closed = true;
        } else {
            closeRequested = true;
        }
    }

}
