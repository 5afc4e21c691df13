package io.tether.socketio;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Dynamic namespaces: every namespace whose name the predicate accepts is created when a client first asks
 * for it, with this parent's middlewares and connection handlers; the parent broadcasts to all of them.
 *
 * <pre>{@code
 * ParentNamespace workspaces = io.of(Pattern.compile("^/workspace-\\d+$"));
 * workspaces.onConnection(socket -> socket.emit("hello", socket.namespace().name()));
 * workspaces.emit("maintenance", "in 5 minutes");   // to every workspace
 * }</pre>
 */
public final class ParentNamespace {
    private final SocketIoServer server;
    private final Predicate<String> matcher;
    private final List<NamespaceMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, Namespace> children = new ConcurrentHashMap<>();

    ParentNamespace(SocketIoServer server, Predicate<String> matcher) {
        this.server = server;
        this.matcher = matcher;
    }

    /** Adds a middleware for every child namespace. */
    public ParentNamespace use(NamespaceMiddleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware));
        return this;
    }

    /** Adds a connection handler for every child namespace. */
    public ParentNamespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(Objects.requireNonNull(handler));
        return this;
    }

    /** Sends an event to every socket of every child namespace. */
    public void emit(String event, Object... args) {
        for (Namespace child : children.values()) {
            child.emit(event, args);
        }
    }

    /** The child namespaces created so far. */
    public Collection<Namespace> children() {
        return Collections.unmodifiableCollection(children.values());
    }

    boolean matches(String name) {
        return matcher.test(name);
    }

    Namespace createChild(String name) {
        return children.computeIfAbsent(name, n -> new Namespace(n, server, middlewares, connectionHandlers));
    }
}
