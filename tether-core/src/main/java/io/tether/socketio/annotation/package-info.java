/**
 * Handler classes, the second way to write handlers: the methods of an object marked {@link OnConnect},
 * {@link OnEvent} and {@link OnDisconnect} become the handlers of every socket of its {@link SocketNamespace} (the
 * main namespace {@code "/"} without one) once it is registered with
 * {@link io.tether.socketio.SocketIoServer#register(Object) io.register(handler)}, the one entry point.
 *
 * <pre>{@code
 * @SocketNamespace("/chat")
 * class ChatHandler {
 *     record Join(String room) {}
 *
 *     @OnConnect
 *     void connected(Socket socket) { socket.emit("hello"); }
 *
 *     @OnEvent("join")
 *     String join(Socket socket, Join join) { return "joined " + join.room(); }  // sent as the ack
 *
 *     @OnEvent("upload")
 *     void upload(String name, byte[] data, Ack ack) { ack.send(data.length); }
 *
 *     @OnDisconnect
 *     void left(Socket socket, DisconnectReason reason) { }
 * }
 *
 * io.register(new ChatHandler());
 * }</pre>
 *
 * <p>The class is read once, when it is registered, and mistakes are reported then as an
 * {@link java.lang.IllegalArgumentException} naming the method: a parameter type that can be neither injected nor
 * bound from JSON, a method with more than one of these annotations, two methods for one event, a reserved event
 * name. One handler object serves every socket of its namespace, possibly from several threads at once: keep
 * per-socket state elsewhere (keyed by the socket's id, for instance).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code Socket}: the socket (every kind of method);</li>
 *   <li>{@code Ack}: the acknowledgement ({@code @OnEvent}); when the client asked for none it does nothing;</li>
 *   <li>{@code EventArgs}: all the event's arguments ({@code @OnEvent});</li>
 *   <li>{@code DisconnectReason} ({@code @OnDisconnect}): the reason; or a {@code String}, its wire name;</li>
 *   <li>any other type ({@code @OnEvent}): a payload parameter. Payload parameters are bound in order from the
 *       event's arguments: the first from argument 0, the second from argument 1, and so on. A {@code byte[]}
 *       takes a binary argument, a {@code JsonNode} the argument as received, anything else is bound with the
 *       server's {@code ObjectMapper} (generic types such as {@code List<Point>} included). A missing argument
 *       binds {@code null}; for a primitive parameter it is a binding error.</li>
 * </ul>
 *
 * <p>When an argument cannot be bound the method is not called: the problem is logged as a warning and, if the
 * client asked for an acknowledgement, answered as {@code {"error": "<the problem>"}}. When the method throws, the
 * exception is logged as an error and an acknowledgement the client asked for and did not get is answered as
 * {@code {"error": "internal error"}}. A value an {@code @OnEvent} method returns is sent as the acknowledgement's
 * only argument if the client asked for one, unless the method takes an {@code Ack}.
 *
 * <p>This package holds the annotations only and depends on nothing else of Tether; the code that reads them is
 * package-private in {@code io.tether.socketio}. On the module path, open your handler classes' package to
 * {@code io.tether.core}.
 */
package io.tether.socketio.annotation;
