package io.tether.socketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a socket leaves the handler's namespace; it may take the {@code Socket} and the
 * reason, as a {@code DisconnectReason} or as a {@code String}, its wire name (such as
 * {@code "client namespace disconnect"} or {@code "transport close"}).
 *
 * <pre>{@code
 * @OnDisconnect
 * void left(Socket socket, DisconnectReason reason) {
 *     log.info("{} left: {}", socket.id(), reason);
 * }
 * }</pre>
 *
 * <p>The method's return value, if any, is ignored; an exception it throws is logged.
 *
 * @see io.tether.socketio.SocketIoServer#register(Object)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnect {
}
