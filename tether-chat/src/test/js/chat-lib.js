// Helpers for the scripts that walk the chat with several clients (chat-walk.js, chat-edges.js).
//
// After each action every client still connected proves it has received everything meant for it: it echoes a
// fresh marker through my_event and waits for it, which comes after anything the action sent it (the sender
// settles first, so its handler has run and every emit of the action is queued). Then the script prints who
// received what: {"event":"step","step":NAME,"received":{"a":[data...],...}}.
import { connect, once, out } from "./lib.js";

const MARKER = "marker-";
let markers = 0;

export class Walk {
  constructor(mode) {
    this.mode = mode;
    this.clients = [];
  }

  /** Connects a client, waits for its greeting (printed as {"event":"greeting"}) and keeps it in the walk. */
  async open(name, { allowDisconnect = false } = {}) {
    const socket = connect(this.mode, { allowDisconnect });
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
    await once(socket, "connect");
    const greeting = await waitFor(client, (m) => m.data === "Connected");
    out({ event: "greeting", client: name, message: greeting });
    client.inbox = [];
    this.clients.push(client);
    return client;
  }

  /** The sender emits, everyone settles (the sender first), and the step prints who received what. */
  async step(name, sender, event, ...args) {
    sender.socket.emit(event, ...args);
    await this.settleAll(sender);
    const received = {};
    for (const client of this.clients) {
      received[client.name] = take(client);
    }
    out({ event: "step", step: name, received });
  }

  async settleAll(first) {
    await settle(first);
    for (const client of this.clients) {
      if (client !== first) {
        await settle(client);
      }
    }
  }

  sockets() {
    return this.clients.filter((c) => !c.gone).map((c) => c.socket);
  }
}

/** Resolves with the first message (already received or to come) that matches. */
export function waitFor(client, matches) {
  const found = client.inbox.find(matches);
  if (found) {
    return Promise.resolve(found);
  }
  return new Promise((resolve) => client.waiters.push({ matches, resolve }));
}

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
