package io.tether.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tether.socketio.Ack;
import io.tether.socketio.EventArgs;
import io.tether.socketio.Namespace;
import io.tether.socketio.Socket;
import io.tether.socketio.SocketIoServer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of the chat UI at {@code /}, beside the original example's (which it leaves as they are): a name,
 * rooms, messages to a room or to everyone, and the state of the chat pushed to everyone when it changes.
 *
 * <p>Client to server (each answers an acknowledgement, when asked for, with {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":text}}):
 * <ul>
 * <li>{@code chat:name {name}}: sets the user's name (the one {@code set_username} sets), 1 to
 *     {@value #MAX_NAME} characters once trimmed; ack {@code {"ok":true,"name":NAME}};
 * <li>{@code chat:join {room}}: joins a room ({@value #MAX_ROOM} characters at most, not a socket's own
 *     room), and, as {@code join} does, {@code my_response "Entered room: ROOM"} to the room;
 *     ack {@code {"ok":true,"room":ROOM}};
 * <li>{@code chat:leave {room}}: leaves it, and, as {@code leave} does, {@code my_response "NAME left room: ROOM"}
 *     to the sender; ack {@code {"ok":true,"room":ROOM}};
 * <li>{@code chat:send {room, text}}: a message to a room the sender is in, or to everyone when {@code room}
 *     is null or absent: {@code chat:message} to them, and the original's {@code my_response "[NAME] text"}
 *     so that the {@code /console} page sees it too; ack {@code {"ok":true,"time":TIME}}.
 * </ul>
 * Server to client:
 * <ul>
 * <li>{@code chat:message {room, author, from, text, time}}: a message, {@code room} null when to everyone,
 *     {@code author} the sender's name (its socket id while none is set), {@code from} its socket id,
 *     {@code time} an ISO-8601 UTC instant. Messages sent with {@code my_broadcast_event} and {@code my_room_event}
 *     are sent as {@code chat:message} too, to the same people.
 * <li>{@code chat:state {users, rooms}}: to everyone whenever someone connects, disconnects, changes name,
 *     joins or leaves a room: {@code users} is {@code [{id, name, rooms}]} (every connected user, by name),
 *     {@code rooms} is {@code [{name, members}]} (every room with members, by name; sockets' own rooms left out).
 *     Changes that come together may be told in one push; the last push is always the current state.
 * </ul>
 */
final class ChatUi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatUi.class);

    /** The longest name, in characters, once trimmed. */
    static final int MAX_NAME = 32;
    /** The longest room name, in characters, once trimmed. */
    static final int MAX_ROOM = 40;
    /** The longest message, in characters. */
    static final int MAX_TEXT = 2000;

    static final String STATE = "chat:state";
    static final String MESSAGE = "chat:message";

    /** The payload of {@code chat:name}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NameRequest(JsonNode name) { }

    /** The payload of {@code chat:join} and {@code chat:leave}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoomRequest(JsonNode room) { }

    /** The payload of {@code chat:send}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendRequest(JsonNode room, JsonNode text) { }

    /** {@code chat:message}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Message(String room, String author, String from, String text, String time) { }

    /** A connected user in {@code chat:state}. */
    record User(String id, String name, List<String> rooms) { }

    /** A room in {@code chat:state}. */
    record Room(String name, int members) { }

    /** {@code chat:state}. */
    record State(List<User> users, List<Room> rooms) { }

    private final ChatApp app;
    private final SocketIoServer io;
    private final Namespace namespace;
    private final Clock clock;
    private final ExecutorService pusher;
    private final AtomicBoolean pushPending = new AtomicBoolean();

    ChatUi(ChatApp app, SocketIoServer io, Clock clock) {
        this.app = app;
        this.io = io;
        this.namespace = io.sockets();
        this.clock = clock;
        this.pusher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tether-chat-state");
            t.setDaemon(true);
            return t;
        });
        namespace.onRoomJoined((room, sid) -> changed());
        namespace.onRoomLeft((room, sid) -> changed());
    }

    /** Adds the UI's handlers to a socket; called after the original example's handlers are added. */
    void connected(Socket socket) {
        String sid = socket.id();
        socket.onDisconnect(reason -> changed());   // after the original's, which forgets the user
        socket.on("set_username", (args, ack) -> changed());
        socket.on("my_broadcast_event", (args, ack) -> mirrorBroadcast(sid, args));
        socket.on("my_room_event", (args, ack) -> mirrorRoomEvent(sid, args));

        socket.on("chat:name", NameRequest.class, (request, ack) -> {
            String name = request == null ? null : textOf(request.name());
            if (name == null) {
                refuse(ack, "the name must be text");
                return;
            }
            name = name.strip();
            if (name.isEmpty()) {
                refuse(ack, "the name is empty");
            } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
                refuse(ack, "the name is longer than " + MAX_NAME + " characters");
            } else if (hasControl(name)) {
                refuse(ack, "the name has control characters");
            } else {
                app.rename(sid, name);
                changed();
                ack.send(ok("name", name));
            }
        });
        socket.on("chat:join", RoomRequest.class, (request, ack) -> {
            String room = room(request == null ? null : request.room(), ack);
            if (room != null) {
                socket.join(room);
                io.to(room).emit(ChatApp.RESPONSE, new ChatApp.Reply("Entered room: " + room));
                ack.send(ok("room", room));
            }
        });
        socket.on("chat:leave", RoomRequest.class, (request, ack) -> {
            String room = room(request == null ? null : request.room(), ack);
            if (room != null) {
                socket.leave(room);
                socket.emit(ChatApp.RESPONSE, new ChatApp.Reply(app.displayName(sid) + " left room: " + room));
                ack.send(ok("room", room));
            }
        });
        socket.on("chat:send", SendRequest.class, (request, ack) -> {
            JsonNode roomNode = request == null ? null : request.room();
            String room = roomNode == null || roomNode.isNull() ? "" : textOf(roomNode);
            String text = request == null ? null : textOf(request.text());
            if (room == null) {
                refuse(ack, "the room name must be text");
                return;
            }
            if (text == null) {
                refuse(ack, "the text must be text");
                return;
            }
            if (text.isBlank()) {
                refuse(ack, "the message is empty");
                return;
            }
            if (text.length() > MAX_TEXT) {
                refuse(ack, "the message is longer than " + MAX_TEXT + " characters");
                return;
            }
            String time = now();
            String author = app.displayName(sid);
            ChatApp.Reply reply = new ChatApp.Reply("[" + author + "] " + text);
            if (room.isEmpty()) {
                io.emit(MESSAGE, new Message(null, author, sid, text, time));
                io.emit(ChatApp.RESPONSE, reply);
            } else {
                if (room.equals(sid) || !socket.rooms().contains(room)) {
                    refuse(ack, "join the room " + room + " first");
                    return;
                }
                io.to(room).emit(MESSAGE, new Message(room, author, sid, text, time));
                io.to(room).emit(ChatApp.RESPONSE, reply);
            }
            ack.send(ok("time", time));
        });
        changed();   // a new user: everyone, the newcomer included, gets the state
    }

    /** {@code my_broadcast_event}, also told as {@code chat:message} to everyone. */
    private void mirrorBroadcast(String sid, EventArgs args) {
        JsonNode data = data(args);
        if (data != null) {
            io.emit(MESSAGE, new Message(null, app.displayName(sid), sid, ChatApp.text(data), now()));
        }
    }

    /** {@code my_room_event}, also told as {@code chat:message} to the room's members (when it names a room). */
    private void mirrorRoomEvent(String sid, EventArgs args) {
        JsonNode payload = args.isEmpty() ? null : args.get(0);
        if (payload == null || !payload.isObject()) {
            return;
        }
        JsonNode roomNode = payload.get("room");
        String room = roomNode == null || roomNode.isNull() ? "" : ChatApp.text(roomNode);
        if (!room.isBlank()) {
            io.to(room).emit(MESSAGE, new Message(room, app.displayName(sid), sid, ChatApp.text(payload.get("data")),
                    now()));
        }
    }

    /** The {@code data} of a {@code my_broadcast_event} the original handles (missing data: NullNode), else null. */
    private static JsonNode data(EventArgs args) {
        if (args.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        JsonNode payload = args.get(0);
        if (payload == null || payload.isNull()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (!payload.isObject()) {
            return null;   // refused by the original
        }
        JsonNode data = payload.get("data");
        return data == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : data;
    }

    /** The room a chat:join or chat:leave names, trimmed; or null, having refused the request. */
    private String room(JsonNode node, Ack ack) {
        String room = textOf(node);
        if (room == null) {
            refuse(ack, "the room name must be text");
            return null;
        }
        room = room.strip();
        if (room.isEmpty()) {
            refuse(ack, "the room name is empty");
            return null;
        }
        if (room.codePointCount(0, room.length()) > MAX_ROOM) {
            refuse(ack, "the room name is longer than " + MAX_ROOM + " characters");
            return null;
        }
        if (hasControl(room)) {
            refuse(ack, "the room name has control characters");
            return null;
        }
        if (namespace.sockets().containsKey(room)) {
            refuse(ack, "that room is private");
            return null;
        }
        return room;
    }

    /** {@code {"ok":true, key: value}}. */
    private static Map<String, Object> ok(String key, Object value) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put(key, value);
        return answer;
    }

    /** Answers {@code {"ok":false, "error": error}}. */
    private static void refuse(Ack ack, String error) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", false);
        answer.put("error", error);
        ack.send(answer);
    }

    /** Text as itself, a number or boolean as its JSON; null for anything else (null, objects, arrays). */
    private static String textOf(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static boolean hasControl(String s) {
        return s.codePoints().anyMatch(Character::isISOControl);
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    // ---- chat:state ----

    /** Something changed: the state will be pushed (changes that come together in one push). */
    void changed() {
        if (pushPending.compareAndSet(false, true)) {
            try {
                pusher.execute(this::push);
            } catch (RejectedExecutionException e) {
                // closed: the server is stopping
            }
        }
    }

    private void push() {
        pushPending.set(false);   // changes from now on push again
        try {
            // this node's users and rooms, to this node's clients: with --redis another node's state is not known
            // here, and an io.emit would reach its clients with a view that is not theirs
            io.local().emit(STATE, state());
        } catch (RuntimeException e) {
            log.error("cannot push the chat state", e);
        }
    }

    /** The chat as {@code chat:state} tells it. */
    State state() {
        Map<String, Socket> sockets = namespace.sockets();
        Map<String, Integer> rooms = new TreeMap<>();
        List<User> users = new ArrayList<>();
        for (Socket socket : sockets.values()) {
            String sid = socket.id();
            if (!app.isUser(sid)) {
                continue;   // gone
            }
            Set<String> own = new TreeSet<>();
            for (String room : socket.rooms()) {
                if (!sockets.containsKey(room)) {
                    own.add(room);
                    rooms.merge(room, 1, Integer::sum);
                }
            }
            users.add(new User(sid, app.displayName(sid), List.copyOf(own)));
        }
        users.sort(Comparator.comparing((User u) -> u.name().toLowerCase(Locale.ROOT)).thenComparing(User::id));
        List<Room> roomList = rooms.entrySet().stream().map(e -> new Room(e.getKey(), e.getValue())).toList();
        return new State(List.copyOf(users), roomList);
    }

    @Override
    public void close() {
        pusher.shutdownNow();
    }
}
