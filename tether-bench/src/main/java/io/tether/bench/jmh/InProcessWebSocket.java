package io.tether.bench.jmh;

import io.tether.engine.EnginePacket;
import io.tether.engine.EngineRequest;
import io.tether.engine.TransportType;
import io.tether.engine.spi.Transport;
import io.tether.engine.spi.TransportSession;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.engine.ManualLoop;
import java.util.List;
import java.util.Map;

/**
 * A client's WebSocket without a network, for the broadcast benchmark: the server's Engine.IO session writes to
 * it on the calling thread, and it takes each text packet's frame bytes, as tether-netty's WebSocket transport
 * does ({@link EnginePacket#textFrameBytes}), counts them and drops them. What every such socket of a server
 * received is summed in one {@link Tally}. Single-threaded, like the session loop it stands for.
 */
final class InProcessWebSocket implements Transport {
    private static final EngineRequest REQUEST = new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket",
            Map.of("EIO", "4", "transport", "websocket"), Map.of(), null, false);

    private final Tally tally;
    private TransportSession session;
    /** Frames this socket was given (text and binary). */
    long frames;
    /** The last frame's bytes, as the transport would have written them. */
    byte[] lastFrame;

    private InProcessWebSocket(Tally tally) {
        this.tally = tally;
    }

    /**
     * Opens an Engine.IO session on a new in-process WebSocket and connects it to the main namespace, as a
     * client's {@code 40} frame does. The loop's clock never moves: the benchmark's sockets neither ping nor time
     * out.
     */
    static InProcessWebSocket connect(SocketIoServer io, ManualLoop loop, Tally tally) {
        InProcessWebSocket transport = new InProcessWebSocket(tally);
        transport.session = io.engine().transports().openWebSocket(REQUEST, loop, s -> transport);
        transport.session.onPacket(transport, EnginePacket.message("0"));
        return transport;
    }

    @Override
    public TransportType type() {
        return TransportType.WEBSOCKET;
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void send(List<EnginePacket> packets) {
        for (int i = 0, n = packets.size(); i < n; i++) {
            EnginePacket packet = packets.get(i);
            byte[] bytes = packet.isBinary() ? packet.binary() : packet.textFrameBytes();
            frames++;
            lastFrame = bytes;
            tally.add(bytes);
        }
    }

    @Override
    public void close() {}

    /** What a server's in-process sockets received, all together. */
    static final class Tally {
        /** Frames written, over all sockets. */
        long frames;
        /** Their bytes. */
        long bytes;
        /**
         * How many times the frame differed, by identity, from the previous one written to any socket: a
         * broadcast encoded once hands every recipient the same array, so this grows by one per broadcast.
         */
        long distinctFrames;
        private byte[] previous;

        void add(byte[] frame) {
            frames++;
            bytes += frame.length;
            if (frame != previous) {
                previous = frame;
                distinctFrames++;
            }
        }

        void reset() {
            frames = 0;
            bytes = 0;
            distinctFrames = 0;
            previous = null;
        }
    }
}
