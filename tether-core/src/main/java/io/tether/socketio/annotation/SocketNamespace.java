package io.tether.socketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The namespace whose sockets an annotated handler class serves; without it, the main namespace {@code "/"}.
 *
 * <pre>{@code
 * @SocketNamespace("/chat")
 * class ChatHandler {
 *     @OnEvent("message")
 *     void message(Socket socket, ChatMessage message) {
 *         socket.namespace().emit("message", message);
 *     }
 * }
 *
 * io.register(new ChatHandler());
 * }</pre>
 *
 * @see io.tether.socketio.SocketIoServer#register(Object)
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SocketNamespace {
    /** The namespace's name, such as {@code "/chat"}; a missing leading {@code /} is added. */
    String value() default "/";
}
