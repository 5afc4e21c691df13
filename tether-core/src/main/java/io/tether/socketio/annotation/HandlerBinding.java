package io.tether.socketio.annotation;

import io.tether.socketio.Socket;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An annotated handler object read for registration: the namespace it serves and what to do with every socket
 * that joins it. {@code SocketIoServer.register} applies it.
 *
 * @param namespace the handler's {@link SocketNamespace}, {@code "/"} without one
 * @param onConnection binds the handler's events to a socket that just joined and calls its {@link OnConnect}
 *        methods
 */
public record HandlerBinding(String namespace, Consumer<Socket> onConnection) {
    public HandlerBinding {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(onConnection, "onConnection");
    }
}
