// Three clients, a, b and c, walk every action of the original example's test page against the chat server,
// and a fourth, d, connects at the end. After each action the script prints who received what (see
// chat-lib.js); the Java side (ChatJsClientTest) checks each step. Other lines: "ids" (the socket ids),
// "greeting" (each client's my_response on connect), "disconnected" (c's reason after disconnect_request).
// Usage: node chat-walk.js websocket|polling|default
import { finish, once, out } from "./lib.js";
import { Walk } from "./chat-lib.js";

const walk = new Walk(process.argv[2] ?? "websocket");
const a = await walk.open("a");
const b = await walk.open("b");
const c = await walk.open("c", { allowDisconnect: true });
out({ event: "ids", a: a.socket.id, b: b.socket.id, c: c.socket.id });

// the page's first message
await walk.step("connected-echo", a, "my_event", { data: "I'm connected!" });
await walk.step("echo-object", a, "my_event", { data: { x: 1, y: [true, null] } });
await walk.step("a-sets-name", a, "set_username", { data: "alice" });
await walk.step("b-broadcast-unnamed", b, "my_broadcast_event", { data: "hi all" });
await walk.step("b-sets-name", b, "set_username", { data: "bob" });
await walk.step("b-broadcast-named", b, "my_broadcast_event", { data: "hi again" });
await walk.step("a-joins-r1", a, "join", { room: "r1" });
await walk.step("b-joins-r1", b, "join", { room: "r1" });
await walk.step("c-sends-to-r1-from-outside", c, "my_room_event", { room: "r1", data: "knock knock" });
await walk.step("a-sends-to-r1", a, "my_room_event", { room: "r1", data: "hello room" });
await walk.step("b-leaves-r1", b, "leave", { room: "r1" });
await walk.step("a-sends-to-r1-after-b-left", a, "my_room_event", { room: "r1", data: "just me" });
await walk.step("c-joins-r2", c, "join", { room: "r2" });
await walk.step("c-leaves-r2-unnamed", c, "leave", { room: "r2" });
await walk.step("b-joins-r1-again", b, "join", { room: "r1" });
await walk.step("c-joins-r1", c, "join", { room: "r1" });
await walk.step("b-closes-r1", b, "close_room", { room: "r1" });
await walk.step("a-sends-to-r1-after-close", a, "my_room_event", { room: "r1", data: "anyone?" });
await walk.step("c-sends-to-r1-after-close", c, "my_room_event", { room: "r1", data: "still there?" });

// disconnect_request: the server disconnects c
const disconnected = once(c.socket, "disconnect");
c.socket.emit("disconnect_request");
const [reason] = await disconnected;
c.gone = true;
out({ event: "disconnected", client: "c", reason, connected: c.socket.connected });
await walk.step("a-broadcast-after-c-left", a, "my_broadcast_event", { data: "bye c" });

// the server forgot c: a new client counts a, b and itself
await walk.open("d");

finish(...walk.sockets());
