package io.tether.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tether.socketio.Namespace;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoServer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat of the python-socketio/Django example, on the default namespace: the same events, payloads and
 * texts, with the original's bugs fixed as it plainly meant (see {@code README-chat.md}).
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create();
 * ChatApp chat = ChatApp.install(io, MessageLog.off());
 * }</pre>
 *
 * <p>Every answer is the event {@code my_response} with one object {@code {"data": text}} ({@code count} is
 * added to the greeting):
 * <ul>
 * <li>connect: {@code {"data":"Connected","count":N}} to that socket, N being the users connected now;
 * <li>{@code set_username {data}}: stores the name, {@code "Username is set to NAME !"} to the sender;
 * <li>{@code my_event {data}}: {@code {"data": data}} back to the sender, data unchanged;
 * <li>{@code my_broadcast_event {data}}: {@code "[NAME] data"} to everyone, sender included;
 * <li>{@code join {room}}: joins, then {@code "Entered room: ROOM"} to the room (the newcomer included);
 * <li>{@code leave {room}}: leaves, then {@code "NAME left room: ROOM"} to the sender only;
 * <li>{@code my_room_event {room,data}}: {@code "[NAME] data"} to the room's members (the sender only if a
 *     member);
 * <li>{@code close_room {room}}: {@code "Room ROOM is closing."} to the members, then every member leaves;
 * <li>{@code disconnect_request}: the server disconnects the sender;
 * <li>disconnect: the user is forgotten.
 * </ul>
 * NAME is the name set with {@code set_username}, or the socket's id while none (or a blank one) is set.
 */
public final class ChatApp {
    private static final Logger log = LoggerFactory.getLogger(ChatApp.class);

    /** The event of every answer. */
    public static final String RESPONSE = "my_response";

    /** {@code {"data": ...}}: every answer but the greeting. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reply(Object data) { }

    /** {@code {"data": "Connected", "count": N}}: the greeting. */
    public record Greeting(String data, int count) { }

    /** The payload of {@code set_username}, {@code my_event} and {@code my_broadcast_event}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(JsonNode data) { }

    /** The payload of {@code join}, {@code leave} and {@code close_room}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoomRequest(JsonNode room) { }

    /** The payload of {@code my_room_event}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoomMessage(JsonNode room, JsonNode data) { }

    private final SocketIoServer io;
    private final Namespace namespace;
    private final MessageLog messageLog;
    /** Connected users: socket id to name ("" while none is set), as the original's {@code users} dict. */
    private final Map<String, String> users = new ConcurrentHashMap<>();

    /** The chat UI's events ({@code chat:*}), added after the original's handlers. */
    private final ChatUi ui;

    private ChatApp(SocketIoServer io, MessageLog messageLog, Clock clock) {
        this.io = io;
        this.namespace = io.sockets();
        this.messageLog = Objects.requireNonNull(messageLog, "messageLog");
        this.ui = new ChatUi(this, io, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Adds the chat's handlers to the server's default namespace: the original example's, then the chat UI's
     * ({@code chat:name}, {@code chat:join}, {@code chat:leave}, {@code chat:send}; {@code chat:message} and
     * {@code chat:state} to the clients).
     */
    public static ChatApp install(SocketIoServer io, MessageLog messageLog) {
        return install(io, messageLog, Clock.systemUTC());
    }

    /** As {@link #install(SocketIoServer, MessageLog)}, with the clock of the messages' times. */
    public static ChatApp install(SocketIoServer io, MessageLog messageLog, Clock clock) {
        ChatApp app = new ChatApp(Objects.requireNonNull(io, "io"), messageLog, clock);
        io.onConnection(app::connected);
        io.onConnection(app.ui::connected);
        return app;
    }

    /** Stops pushing the chat's state (the server is stopping). */
    public void close() {
        ui.close();
    }

    /** How many users are connected. */
    public int userCount() {
        return users.size();
    }

    /** The name a user shows as: the one set, or the socket's id while none (or a blank one) is set. */
    public String displayName(String socketId) {
        String name = users.get(socketId);
        return name == null || name.isBlank() ? socketId : name;
    }

    /** Whether this socket is a connected user. */
    boolean isUser(String socketId) {
        return users.containsKey(socketId);
    }

    /** Sets a connected user's name (as {@code set_username} does); nothing once it is gone. */
    void rename(String socketId, String name) {
        users.computeIfPresent(socketId, (id, old) -> name);
    }

    private void connected(Socket socket) {
        String sid = socket.id();
        users.put(sid, "");
        messageLog.connected(socket, this);
        socket.onAny((event, args) -> messageLog.event(socket, this, event, args));
        socket.onDisconnect(reason -> {
            messageLog.disconnected(socket, this, reason);
            users.remove(sid);
        });
        socket.emit(RESPONSE, new Greeting("Connected", users.size()));

        socket.on("set_username", Message.class, message -> {
            String name = text(message == null ? null : message.data());
            users.computeIfPresent(sid, (id, old) -> name);   // not once disconnected
            socket.emit(RESPONSE, new Reply("Username is set to " + name + " !"));
        });
        socket.on("my_event", Message.class, message ->
                socket.emit(RESPONSE, new Reply(message == null ? null : message.data())));
        socket.on("my_broadcast_event", Message.class, message ->
                io.emit(RESPONSE, new Reply(prefixed(sid, message == null ? null : message.data()))));
        socket.on("join", RoomRequest.class, request -> {
            String room = room(socket, "join", request == null ? null : request.room());
            if (room != null) {
                socket.join(room);
                io.to(room).emit(RESPONSE, new Reply("Entered room: " + room));
            }
        });
        socket.on("leave", RoomRequest.class, request -> {
            String room = room(socket, "leave", request == null ? null : request.room());
            if (room != null) {
                socket.leave(room);
                socket.emit(RESPONSE, new Reply(displayName(sid) + " left room: " + room));
            }
        });
        socket.on("my_room_event", RoomMessage.class, message -> {
            JsonNode roomNode = message == null ? null : message.room();
            String room = roomNode == null || roomNode.isNull() || text(roomNode).isBlank() ? null : text(roomNode);
            if (room == null) {
                log.debug("socket {}: my_room_event without a room, ignored", sid);
                return;
            }
            io.to(room).emit(RESPONSE, new Reply(prefixed(sid, message.data())));
        });
        socket.on("close_room", RoomRequest.class, request -> {
            String room = room(socket, "close_room", request == null ? null : request.room());
            if (room != null) {
                io.to(room).emit(RESPONSE, new Reply("Room " + room + " is closing."));
                namespace.closeRoom(room);
            }
        });
        socket.on("disconnect_request", (args, ack) -> socket.disconnect());
    }

    /**
     * The room a join, leave or close_room names, or null when it names none (missing or blank) or names a
     * connected socket's own room, which the chat does not let anyone join, leave or close.
     */
    private String room(Socket socket, String event, JsonNode node) {
        String room = node == null || node.isNull() ? "" : text(node);
        if (room.isBlank()) {
            log.debug("socket {}: {} without a room, ignored", socket.id(), event);
            return null;
        }
        if (namespace.sockets().containsKey(room)) {
            log.debug("socket {}: {} of the private room of socket {}, ignored", socket.id(), event, room);
            return null;
        }
        return room;
    }

    private String prefixed(String sid, JsonNode data) {
        return "[" + displayName(sid) + "] " + text(data);
    }

    /** A value as the chat shows it: text as is, nothing as "", anything else as JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
