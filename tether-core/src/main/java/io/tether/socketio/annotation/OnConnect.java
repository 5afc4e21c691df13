package io.tether.socketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a socket joins the handler's namespace; it may take the {@code Socket}.
 *
 * <pre>{@code
 * @OnConnect
 * void connected(Socket socket) {
 *     socket.emit("welcome", Map.of("id", socket.id()));
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
public @interface OnConnect {
}
