package io.tether.netty;

import io.netty.channel.EventLoop;
import io.tether.engine.EngineLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A Netty event loop seen as the single thread of Engine.IO sessions. One instance per event loop. */
final class NettyEngineLoop implements EngineLoop {
    private static final Map<EventLoop, NettyEngineLoop> LOOPS = new ConcurrentHashMap<>();

    private final EventLoop eventLoop;

    private NettyEngineLoop(EventLoop eventLoop) {
        this.eventLoop = eventLoop;
    }

    static NettyEngineLoop of(EventLoop eventLoop) {
        return LOOPS.computeIfAbsent(eventLoop, NettyEngineLoop::new);
    }

    static void forget(EventLoop eventLoop) {
        LOOPS.remove(eventLoop);
    }

    @Override
    public boolean inLoop() {
        return eventLoop.inEventLoop();
    }

    @Override
    public void execute(Runnable command) {
        eventLoop.execute(command);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> future = eventLoop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
