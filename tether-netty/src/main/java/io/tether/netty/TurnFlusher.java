package io.tether.netty;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes, once at the end of an event loop's turn, every WebSocket written to during that turn. A broadcast
 * reaching a client several times in one turn, or an answer written while its loop is still reading, then leaves
 * in one syscall instead of one per frame; and a turn costs one task however many connections it wrote to
 * (Netty's {@code FlushConsolidationHandler} would schedule one per connection).
 */
final class TurnFlusher implements Runnable {
    private static final FastThreadLocal<TurnFlusher> FLUSHERS = new FastThreadLocal<>();

    private final EventLoop loop;
    private List<WebSocketTransport> dirty = new ArrayList<>();
    private List<WebSocketTransport> spare = new ArrayList<>();
    private boolean scheduled;

    private TurnFlusher(EventLoop loop) {
        this.loop = loop;
    }

    /** The flusher of {@code loop}; call on that loop's thread only. */
    static TurnFlusher of(EventLoop loop) {
        TurnFlusher flusher = FLUSHERS.get();
        if (flusher == null) {
            flusher = new TurnFlusher(loop);
            FLUSHERS.set(flusher);
        }
        return flusher;
    }

    /** Flushes {@code transport} at the end of this turn. On the loop's thread. */
    void flushLater(WebSocketTransport transport) {
        dirty.add(transport);
        if (!scheduled) {
            scheduled = true;
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        List<WebSocketTransport> flushing = dirty;
        dirty = spare;
        for (WebSocketTransport transport : flushing) {
            transport.flushNow();
        }
        flushing.clear();
        spare = flushing;
    }
}
