// The chat UI's events (chat:name, chat:join, chat:leave, chat:send; chat:message and chat:state to the
// clients) with three clients: a and b use the UI's events, c the original example's (as the /console page
// does). The Java side (ChatUiJsClientTest) checks each line:
// - {"event":"ids", a, b, c}: the socket ids;
// - {"event":"step", step, ack, received:{a:{messages, responses}, ...}}: after an action, its acknowledgement
//   and what each client received since the previous step: chat:message payloads and my_response data (the
//   same settling as chat-lib.js: every client echoes a marker through my_event and waits for it);
// - {"event":"state", step, client, state}: the first chat:state that client received after the step, once it
//   satisfies the step's expectation (pushes are asynchronous, so the script waits for it).
// Usage: node chat-ui.js websocket|polling|default
import { connect, fail, finish, once, out } from "./lib.js";

const mode = process.argv[2] ?? "websocket";
const MARKER = "marker-";
let markers = 0;

function client(name, options = {}) {
  const socket = connect(mode, options);
  const c = { name, socket, messages: [], responses: [], state: null, stateWaiters: [], responseWaiters: [] };
  socket.on("chat:message", (m) => c.messages.push(m));
  socket.on("my_response", (m) => {
    c.responses.push(m.data);
    for (const w of [...c.responseWaiters]) {
      if (w.matches(m.data)) {
        c.responseWaiters.splice(c.responseWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  socket.on("chat:state", (s) => {
    c.state = s;
    for (const w of [...c.stateWaiters]) {
      if (w.matches(s)) {
        c.stateWaiters.splice(c.stateWaiters.indexOf(w), 1);
        w.resolve(s);
      }
    }
  });
  return c;
}

/** The first state (the current one, or one to come) that satisfies the predicate. */
function stateWhere(c, matches, what) {
  if (c.state && matches(c.state)) {
    return Promise.resolve(c.state);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => fail(`${c.name} never got a chat:state where ${what}; last: `
        + JSON.stringify(c.state)), 5000);
    c.stateWaiters.push({ matches, resolve: (s) => { clearTimeout(timer); resolve(s); } });
  });
}

async function settle(c) {
  const marker = MARKER + ++markers;
  const seen = new Promise((resolve) => c.responseWaiters.push({ matches: (d) => d === marker, resolve }));
  c.socket.emit("my_event", { data: marker });
  await seen;
}

function take(c) {
  const got = {
    messages: c.messages,
    responses: c.responses.filter((d) => !(typeof d === "string" && d.startsWith(MARKER))),
  };
  c.messages = [];
  c.responses = [];
  return got;
}

const a = client("a");
const b = client("b");
const c = client("c", { allowDisconnect: true });
const all = [a, b, c];

/** The sender emits (with an ack when it is a chat: event), everyone settles, and the step is printed. */
async function step(name, sender, event, payload) {
  let ack = null;
  if (event.startsWith("chat:")) {
    ack = await sender.socket.timeout(5000).emitWithAck(event, payload);
  } else {
    sender.socket.emit(event, payload);
  }
  await settle(sender);
  for (const other of all) {
    if (other !== sender && other.socket.connected) {
      await settle(other);
    }
  }
  const received = {};
  for (const x of all) {
    received[x.name] = take(x);
  }
  out({ event: "step", step: name, ack, received });
}

/** Waits until every client's state satisfies the predicate; prints a's state. */
async function states(name, matches, what, clients = all) {
  let printed = null;
  for (const x of clients) {
    const s = await stateWhere(x, matches, what);
    printed ??= { event: "state", step: name, client: x.name, state: s };
  }
  out(printed);
}

const user = (s, id) => s.users.find((u) => u.id === id);
const room = (s, name) => s.rooms.find((r) => r.name === name);

await Promise.all(all.map((x) => once(x.socket, "connect")));
out({ event: "ids", a: a.socket.id, b: b.socket.id, c: c.socket.id });
await states("connected", (s) => s.users.length === 3, "3 users");
for (const x of all) {
  take(x);   // the greetings
}

// names
await step("a-names-itself", a, "chat:name", { name: "alice" });
await step("b-names-itself-padded", b, "chat:name", { name: "  bob  " });
await states("named", (s) => user(s, a.socket.id)?.name === "alice" && user(s, b.socket.id)?.name === "bob",
  "a is alice and b is bob");
await step("name-empty", a, "chat:name", { name: "   " });
await step("name-too-long", a, "chat:name", { name: "x".repeat(33) });
await step("name-not-text", a, "chat:name", { name: { first: "al" } });
await step("name-control", a, "chat:name", { name: "al\u0007ice" });
await step("name-payload-not-object", a, "chat:name", "alice");

// rooms
await step("a-joins-r1", a, "chat:join", { room: "r1" });
await states("a-in-r1", (s) => room(s, "r1")?.members === 1 && user(s, a.socket.id)?.rooms.includes("r1"),
  "r1 has a");
await step("b-joins-r1-padded", b, "chat:join", { room: " r1 " });
await states("a-and-b-in-r1", (s) => room(s, "r1")?.members === 2, "r1 has 2 members");
await step("join-empty", a, "chat:join", { room: "" });
await step("join-too-long", a, "chat:join", { room: "r".repeat(41) });
await step("join-private-room", a, "chat:join", { room: c.socket.id });

// messages
await step("a-sends-to-r1", a, "chat:send", { room: "r1", text: "hello room" });
await step("b-sends-to-everyone", b, "chat:send", { room: null, text: "hi all" });
await step("b-sends-without-room", b, "chat:send", { text: "no room field" });
await step("c-sends-to-r1-not-member", c, "chat:send", { room: "r1", text: "let me in" });
await step("send-empty", a, "chat:send", { room: null, text: "  " });
await step("send-too-long", a, "chat:send", { room: null, text: "y".repeat(2001) });
await step("send-not-text", a, "chat:send", { room: null, text: ["x"] });

// the original example's events reach the chat UI too
await step("c-broadcasts-classic", c, "my_broadcast_event", { data: "classic hello" });
await step("c-room-event-classic", c, "my_room_event", { room: "r1", data: "knock knock" });
await step("c-sets-name-classic", c, "set_username", { data: "carol" });
await states("c-named", (s) => user(s, c.socket.id)?.name === "carol", "c is carol");
await step("c-joins-r2-classic", c, "join", { room: "r2" });
await states("c-in-r2", (s) => room(s, "r2")?.members === 1, "r2 has c");

// leaving, closing, disconnecting
await step("b-leaves-r1", b, "chat:leave", { room: "r1" });
await states("b-left-r1", (s) => room(s, "r1")?.members === 1 && user(s, b.socket.id)?.rooms.length === 0,
  "r1 has 1 member and b no room");
await step("c-closes-r1-classic", c, "close_room", { room: "r1" });
await states("r1-closed", (s) => !room(s, "r1"), "r1 is gone");
c.socket.disconnect();
await states("c-gone", (s) => s.users.length === 2, "2 users", [a, b]);

finish(a.socket, b.socket);
