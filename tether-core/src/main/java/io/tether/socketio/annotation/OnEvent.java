package io.tether.socketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called for an event from the client. Its parameters of type {@code Socket}, {@code Ack}
 * and {@code EventArgs} receive the socket, the acknowledgement and all the arguments; every other parameter
 * is a payload parameter, bound in order from the event's arguments (a {@code byte[]} from a binary
 * argument, a {@code JsonNode} as received, anything else with the server's {@code ObjectMapper}). A value
 * returned while the client asked for an acknowledgement is sent as the acknowledgement, unless the method
 * takes an {@code Ack}.
 *
 * <pre>{@code
 * record Join(String room) {}
 *
 * @OnEvent("join")
 * String join(Socket socket, Join join) {      // client: socket.emit("join", {room: "a"}, answer => ...)
 *     return "joined " + join.room();          // the client's callback receives "joined a"
 * }
 *
 * @OnEvent("add")
 * int add(int a, int b) {                      // client: socket.emit("add", 1, 2, sum => ...)
 *     return a + b;
 * }
 * }</pre>
 *
 * @see io.tether.socketio.SocketIoServer#register(Object)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /** The event's name. */
    String value();
}
