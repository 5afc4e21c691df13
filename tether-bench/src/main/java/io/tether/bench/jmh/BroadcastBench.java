package io.tether.bench.jmh;

import io.tether.socketio.HandlerExecution;
import io.tether.socketio.Namespace;
import io.tether.socketio.SocketIoOptions;
import io.tether.socketio.SocketIoServer;
import io.tether.testkit.engine.ManualLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A room broadcast, {@code namespace.to(room).emit("msg", payload)}, to N sockets of this process, measured per
 * broadcast. The sockets are real Engine.IO sessions and Socket.IO sockets of a {@link SocketIoServer} (in-memory
 * adapter, inline handlers) on {@link InProcessWebSocket}s, which take each frame's bytes, count them and drop
 * them: what is measured is Tether's work (the event's JSON tree, one encoding, the room lookup, and per
 * recipient the socket's and the session's send path), not a network's.
 *
 * <p>Besides the time per broadcast, JMH reports two secondary results: {@code deliveries}, the time per frame a
 * socket received (the broadcast's time divided by N), and {@code distinctFrames}, how many different frame byte
 * arrays the sockets received in all, next to {@code broadcasts}, how many broadcasts were made: equal counts
 * show the payload is encoded once per broadcast whatever the room size.
 *
 * <pre>
 * java -cp tether-bench/target/tether-bench.jar org.openjdk.jmh.Main BroadcastBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBench {
    static final String ROOM = "room";

    /** The event's argument, turned into JSON by the server's object mapper at each emit. */
    public record Message(String text, int seq) { }

    /** How many sockets are in the room. */
    @Param({"100", "1000"})
    int sockets;

    SocketIoServer io;
    Namespace namespace;
    final List<InProcessWebSocket> clients = new ArrayList<>();
    final InProcessWebSocket.Tally tally = new InProcessWebSocket.Tally();
    final Message payload = new Message("hello room", 42);

    @Setup(Level.Trial)
    public void setUp() {
        io = SocketIoServer.create(SocketIoOptions.builder().handlerExecution(HandlerExecution.inline()).build());
        namespace = io.sockets();
        ManualLoop loop = new ManualLoop();
        for (int i = 0; i < sockets; i++) {
            clients.add(InProcessWebSocket.connect(io, loop, tally));
        }
        namespace.socketsJoin(ROOM);
        if (namespace.sockets().size() != sockets) {
            throw new IllegalStateException(namespace.sockets().size() + " sockets connected, not " + sockets);
        }
        tally.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        clients.clear();
    }

    /** Per-frame results: reported as time per delivery, {@code deliveries} = N per broadcast. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Deliveries {
        public long deliveries;

        @Setup(Level.Iteration)
        public void clean() {
            deliveries = 0;
        }
    }

    /** Plain counts for an iteration: the broadcasts and the distinct frame arrays they reached sockets with. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Encodings {
        public long broadcasts;
        public long distinctFrames;

        @Setup(Level.Iteration)
        public void clean() {
            broadcasts = 0;
            distinctFrames = 0;
        }
    }

    @Benchmark
    public void broadcast(Deliveries deliveries, Encodings encodings) {
        long frames = tally.frames;
        long distinct = tally.distinctFrames;
        namespace.to(ROOM).emit("msg", payload);
        deliveries.deliveries += tally.frames - frames;
        encodings.broadcasts++;
        encodings.distinctFrames += tally.distinctFrames - distinct;
    }
}
