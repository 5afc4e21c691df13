// What the chat does where the original raises or misbehaves: payloads without data or room, blank rooms,
// rooms that are another socket's id, extra fields, a payload that is not an object. Two clients, a and b;
// each step prints who received what (see chat-lib.js), checked by ChatJsClientTest.
// Usage: node chat-edges.js websocket|polling|default
import { finish, out } from "./lib.js";
import { Walk } from "./chat-lib.js";

const walk = new Walk(process.argv[2] ?? "websocket");
const a = await walk.open("a");
const b = await walk.open("b");
out({ event: "ids", a: a.socket.id, b: b.socket.id });

await walk.step("echo-without-payload", a, "my_event");
await walk.step("echo-without-data", a, "my_event", {});
await walk.step("echo-number", a, "my_event", { data: 42 });
await walk.step("name-without-data", a, "set_username", {});
await walk.step("broadcast-after-blank-name", a, "my_broadcast_event", { data: "who?" });
await walk.step("broadcast-number", a, "my_broadcast_event", { data: 7 });
await walk.step("broadcast-without-data", a, "my_broadcast_event", {});
await walk.step("join-blank-room", a, "join", { room: "  " });
await walk.step("join-without-room", a, "join", {});
await walk.step("join-another-sockets-room", a, "join", { room: b.socket.id });
await walk.step("close-another-sockets-room", a, "close_room", { room: b.socket.id });
await walk.step("leave-own-room", a, "leave", { room: a.socket.id });
await walk.step("direct-to-b-still-works", a, "my_room_event", { room: b.socket.id, data: "psst" });
await walk.step("room-event-without-room", a, "my_room_event", { data: "nowhere" });
await walk.step("join-with-extra-fields", a, "join", { room: "r", extra: true });
await walk.step("room-number-name", b, "join", { room: 5 });
await walk.step("room-event-number-room", a, "my_room_event", { room: 5, data: "to five" });
await walk.step("close-room-nobody-is-in", a, "close_room", { room: "empty" });
const ack = await a.socket.timeout(2000).emitWithAck("join", "not-an-object");
out({ event: "bad-payload-ack", ack });
await walk.step("after-bad-payload", a, "my_event", { data: "still here" });

finish(...walk.sockets());
