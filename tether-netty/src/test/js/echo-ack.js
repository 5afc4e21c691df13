// Client-to-server acknowledgements: emitWithAck("echo", {a:1}, <Buffer 01 02 03>) and print the answer.
// The server's "echo" answers with one argument, the array of what it received; its "echo-spread" answers
// with what it received as separate arguments (emitWithAck resolves with the first one only, so that one
// uses a callback).
// In "default" mode the first emit goes out right after connecting and a second one after the upgrade to
// WebSocket.
// Usage: node echo-ack.js websocket|polling|default
import { check, connect, describe, finish, once, out, transportName } from "./lib.js";

const mode = process.argv[2] ?? "default";
const socket = connect(mode);
const upgraded = once(socket.io.engine, "upgrade");

await once(socket, "connect");
out({ event: "connected", id: socket.id, transport: transportName(socket) });

async function echo(label) {
  const answer = await socket.timeout(2000).emitWithAck("echo", { a: 1 }, Buffer.from([1, 2, 3]));
  out({ event: "ack", label, transport: transportName(socket), answer: describe(answer) });
}

async function echoSpread(label) {
  const answers = await new Promise((resolve, reject) =>
    socket.timeout(2000).emit("echo-spread", "text", 42, Buffer.from([9, 8]), (err, ...args) =>
      err ? reject(err) : resolve(args)));
  out({ event: "ack-spread", label, transport: transportName(socket), answers: describe(answers) });
}

await echo("first");
await echoSpread("first");
if (mode === "default") {
  const [transport] = await upgraded;
  out({ event: "upgraded", transport: transport.name });
  check(transportName(socket) === "websocket", `transport after upgrade: ${transportName(socket)}`);
  await echo("after-upgrade");
  await echoSpread("after-upgrade");
}
finish(socket);
