package io.tether.socketio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A namespace's room lifecycle listeners (Node's adapter events), told by its adapter. */
final class RoomEvents {
    private static final Logger log = LoggerFactory.getLogger(RoomEvents.class);

    record PatternHook(Pattern pattern, RoomHook hook) { }

    record PatternHandler(Pattern pattern, String event, RoomHandler handler) { }

    private final Namespace namespace;
    final List<Consumer<String>> createRoom = new CopyOnWriteArrayList<>();
    final List<Consumer<String>> deleteRoom = new CopyOnWriteArrayList<>();
    final List<BiConsumer<String, String>> joinRoom = new CopyOnWriteArrayList<>();
    final List<BiConsumer<String, String>> leaveRoom = new CopyOnWriteArrayList<>();
    final List<PatternHook> joinHooks = new CopyOnWriteArrayList<>();
    final List<PatternHook> leaveHooks = new CopyOnWriteArrayList<>();
    final List<PatternHandler> handlers = new CopyOnWriteArrayList<>();

    RoomEvents(Namespace namespace) {
        this.namespace = namespace;
    }

    void created(String room) {
        for (Consumer<String> l : createRoom) {
            safely(() -> l.accept(room));
        }
    }

    void deleted(String room) {
        for (Consumer<String> l : deleteRoom) {
            safely(() -> l.accept(room));
        }
    }

    void joined(String room, String socketId) {
        for (BiConsumer<String, String> l : joinRoom) {
            safely(() -> l.accept(room, socketId));
        }
        runHooks(joinHooks, room, socketId);
    }

    void left(String room, String socketId) {
        for (BiConsumer<String, String> l : leaveRoom) {
            safely(() -> l.accept(room, socketId));
        }
        runHooks(leaveHooks, room, socketId);
    }

    private void runHooks(List<PatternHook> hooks, String room, String socketId) {
        if (hooks.isEmpty() || room.equals(socketId)) {
            return;
        }
        Socket socket = namespace.socketMap().get(socketId);
        if (socket == null) {
            return;
        }
        for (PatternHook h : hooks) {
            if (h.pattern().matcher(room).find()) {
                safely(() -> h.hook().handle(socket, room));
            }
        }
    }

    private static void safely(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            log.error("room listener failed", e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
