package io.tether.socketio;

import io.tether.engine.EnginePacket;
import java.util.List;

/**
 * A packet encoded once for any number of recipients, from {@link io.tether.socketio.adapter.AdapterContext#encode}.
 * Adapters hand it back to {@link io.tether.socketio.adapter.AdapterContext#deliver}; its Engine.IO form stays
 * inside this package, so every recipient gets the same frames.
 */
public final class EncodedPacket {
    private final SocketIoPacket packet;
    private final List<EnginePacket> enginePackets;

    EncodedPacket(SocketIoPacket packet, List<EnginePacket> enginePackets) {
        this.packet = packet;
        this.enginePackets = enginePackets;
    }

    /** The packet as it was before encoding. */
    public SocketIoPacket packet() {
        return packet;
    }

    List<EnginePacket> enginePackets() {
        return enginePackets;
    }
}
