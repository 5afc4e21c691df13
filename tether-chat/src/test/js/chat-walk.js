// Three clients, a, b and c, walk every action of the original example's test page against the chat server,
// and a fourth, d, connects at the end. After each action every client still connected proves it has
// received everything meant for it (an echo of a marker, which comes after anything the action sent it),
// and the script prints who received what:
//   {"event":"step","step":NAME,"received":{"a":[data...],"b":[...],"c":[...]}}
// The Java side (ChatJsClientTest) checks each step. Other lines: "ids" (the socket ids), "greeting" (each
// client's my_response on connect), "disconnected" (c's reason after disconnect_request).
// Usage: node chat-walk.js websocket|polling|default
import { connect, finish, once, out } from "./lib.js";

const mode = process.argv[2] ?? "websocket";
const MARKER = "marker-";

function makeClient(name, allowDisconnect = false) {
  const socket = connect(mode, { allowDisconnect });
  const client = { name, socket, inbox: [], waiters: [], gone: false };
  socket.on("my_response", (msg) => {
    client.inbox.push(msg);
    for (const waiter of [...client.waiters]) {
      if (waiter.matches(msg)) {
        client.waiters.splice(client.waiters.indexOf(waiter), 1);
        waiter.resolve(msg);
      }
    }
  });
  return client;
}

/** Resolves with the first message (already received or to come) that matches. */
function waitFor(client, matches) {
  const found = client.inbox.find(matches);
  if (found) {
    return Promise.resolve(found);
  }
  return new Promise((resolve) => client.waiters.push({ matches, resolve }));
}

async function open(name, allowDisconnect = false) {
  const client = makeClient(name, allowDisconnect);
  await once(client.socket, "connect");
  const greeting = await waitFor(client, (m) => m.data === "Connected");
  out({ event: "greeting", client: name, message: greeting });
  client.inbox = [];
  return client;
}

let markers = 0;

/** Echoes a fresh marker through the client and waits for it: what was sent to it before has arrived. */
async function settle(client) {
  if (client.gone) {
    return;
  }
  const marker = MARKER + ++markers;
  client.socket.emit("my_event", { data: marker });
  await waitFor(client, (m) => m.data === marker);
}

/** What the client received since the last take, markers left out. */
function take(client) {
  const data = client.inbox.map((m) => m.data).filter((d) => !(typeof d === "string" && d.startsWith(MARKER)));
  client.inbox = [];
  return data;
}

const a = await open("a");
const b = await open("b");
const c = await open("c", true);
const all = [a, b, c];
out({ event: "ids", a: a.socket.id, b: b.socket.id, c: c.socket.id });

/** The sender emits; the sender settles first (its handler has run), then the others; prints who got what. */
async function step(name, sender, event, ...args) {
  sender.socket.emit(event, ...args);
  await settle(sender);
  for (const client of all) {
    if (client !== sender) {
      await settle(client);
    }
  }
  out({ event: "step", step: name, received: { a: take(a), b: take(b), c: take(c) } });
}

// the page's first message
await step("connected-echo", a, "my_event", { data: "I'm connected!" });
await step("echo-object", a, "my_event", { data: { x: 1, y: [true, null] } });
await step("a-sets-name", a, "set_username", { data: "alice" });
await step("b-broadcast-unnamed", b, "my_broadcast_event", { data: "hi all" });
await step("b-sets-name", b, "set_username", { data: "bob" });
await step("b-broadcast-named", b, "my_broadcast_event", { data: "hi again" });
await step("a-joins-r1", a, "join", { room: "r1" });
await step("b-joins-r1", b, "join", { room: "r1" });
await step("c-sends-to-r1-from-outside", c, "my_room_event", { room: "r1", data: "knock knock" });
await step("a-sends-to-r1", a, "my_room_event", { room: "r1", data: "hello room" });
await step("b-leaves-r1", b, "leave", { room: "r1" });
await step("a-sends-to-r1-after-b-left", a, "my_room_event", { room: "r1", data: "just me" });
await step("c-joins-r2", c, "join", { room: "r2" });
await step("c-leaves-r2-unnamed", c, "leave", { room: "r2" });
await step("b-joins-r1-again", b, "join", { room: "r1" });
await step("c-joins-r1", c, "join", { room: "r1" });
await step("b-closes-r1", b, "close_room", { room: "r1" });
await step("a-sends-to-r1-after-close", a, "my_room_event", { room: "r1", data: "anyone?" });
await step("c-sends-to-r1-after-close", c, "my_room_event", { room: "r1", data: "still there?" });

// disconnect_request: the server disconnects c
const disconnected = once(c.socket, "disconnect");
c.socket.emit("disconnect_request");
const [reason] = await disconnected;
c.gone = true;
out({ event: "disconnected", client: "c", reason, connected: c.socket.connected });
await step("a-broadcast-after-c-left", a, "my_broadcast_event", { data: "bye c" });

// the server forgot c: a new client counts a, b and itself
const d = await open("d");
out({ event: "count-after", client: "d" });

finish(a.socket, b.socket, d.socket);
