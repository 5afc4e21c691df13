// Server-to-client acknowledgements: the server emits "question" with an ack; this client answers with
// "yes" and <Buffer 04 05 06> through its ack callback, then waits for the server's "done" (sent once the
// server has the answer) before exiting.
// Usage: node server-ack.js websocket|polling|default
import { connect, describe, finish, once, out, transportName } from "./lib.js";

const mode = process.argv[2] ?? "default";
const socket = connect(mode);

socket.on("question", (...args) => {
  const ack = args.pop();
  out({ event: "question", args: describe(args), ackIsFunction: typeof ack === "function" });
  if (typeof ack === "function") {
    ack("yes", Buffer.from([4, 5, 6]));
  }
});
const done = once(socket, "done");

await once(socket, "connect");
out({ event: "connected", id: socket.id, transport: transportName(socket) });
const [result] = await done;
out({ event: "server-done", result: describe(result) });
finish(socket);
