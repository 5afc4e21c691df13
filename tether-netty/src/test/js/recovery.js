// Connection state recovery: a client with reconnection on loses its connection once and comes back.
//
// Flow:
// 1. connect (reconnection on, a fixed reconnectionDelay, no randomization);
// 2. wait for the server's "cut" event (the server sends it once it has set the socket up: rooms, data, a
//    first broadcast so that the client holds an offset);
// 3. lose the connection, as asked:
//    - "terminate": the WebSocket is torn down without a close frame (ws.terminate()), as when the network
//      goes away; the server sees "transport close" (or "transport error"), which are recoverable, and the
//      client reconnects on its own after reconnectionDelay;
//    - "disconnect": socket.disconnect() (the server sees "client namespace disconnect", not recoverable),
//      then socket.connect() at once;
// 4. wait for the next "connect" and then for the server's "checked" event (sent by its connection handler
//    for the second connection, so after any missed packet), then finish.
//
// Printed: every CONNECT packet the server sent ("connect-packet", with its data: sid, and pid when recovery
// is on), every "connect" (id, recovered, transport), every "disconnect", every event received ("received",
// with its name and arguments; broadcasts carry their offset as an extra last argument when recovery is on),
// and "cutting" (the client's pid and last offset as it loses the connection).
//
// Usage: node recovery.js websocket|default terminate|disconnect <reconnectionDelay ms>
// ("default" waits for the upgrade to WebSocket before cutting; it reconnects over polling first.)
import { io } from "socket.io-client";
import { describe, fail, finish, once, out, transportName, transportsFor } from "./lib.js";

const mode = process.argv[2] ?? "websocket";
const cut = process.argv[3] ?? "terminate";
const delay = Number(process.argv[4] ?? "100");
if (!["terminate", "disconnect"].includes(cut) || !(delay >= 0)) {
  fail(`usage: recovery.js websocket|default terminate|disconnect <delay ms> (got ${process.argv.slice(2)})`);
}
const transports = transportsFor(mode);

const socket = io(`http://127.0.0.1:${process.env.PORT}`, {
  forceNew: true,
  reconnection: true,
  reconnectionDelay: delay,
  reconnectionDelayMax: delay,
  randomizationFactor: 0,
  reconnectionAttempts: 3,
  ...(transports ? { transports } : {}),
});

// registered before anything can arrive: several packets of one polling payload are handled in one go
const firstConnect = once(socket, "connect");
const cutSignal = once(socket, "cut");
const checked = once(socket, "checked");

socket.io.on("packet", (packet) => {
  if (packet.type === 0 && packet.nsp === "/") {
    out({ event: "connect-packet", data: describe(packet.data) });
  }
});
socket.on("connect", () =>
  out({ event: "connect", id: socket.id, recovered: socket.recovered, transport: transportName(socket) }));
socket.on("disconnect", (reason, details) =>
  out({ event: "disconnect", reason, details: details?.description?.message ?? details?.message }));
socket.on("connect_error", (e) => fail(`connect_error: ${e.message}`));
socket.io.on("reconnect_failed", () => fail("reconnect_failed"));
socket.onAny((name, ...args) => out({ event: "received", name, args: describe(args) }));

await firstConnect;
await cutSignal;
if (transportName(socket) !== "websocket") {
  await once(socket.io.engine, "upgrade");
}
out({ event: "cutting", how: cut, transport: transportName(socket), pid: socket._pid ?? null,
  offset: socket._lastOffset ?? null });
const reconnected = once(socket, "connect");
if (cut === "terminate") {
  const ws = socket.io.engine.transport.ws;
  if (typeof ws?.terminate !== "function") {
    fail(`no ws.terminate() on the transport (${transportName(socket)})`);
  }
  ws.terminate();
} else {
  socket.disconnect();
  socket.connect();
}
await reconnected;
await checked;
finish(socket);
