// One of several clients answering (or not) a broadcast with an acknowledgement: io.timeout(...).emitWithAck("q").
// The client connects over WebSocket with auth {role}; on "q" it prints what it got and, as "answer", acks with
// {id, role, got: <first argument>}; as "silent" it never calls the ack. It ends when the server sends "done".
// Usage: node broadcast-ack.js answer|silent
import { check, connect, describe, finish, once, out } from "./lib.js";

const role = process.argv[2] ?? "answer";
check(role === "answer" || role === "silent", `role must be answer or silent, not ${role}`);

const socket = connect("websocket", { auth: { role } });
const done = once(socket, "done");

socket.on("q", (...args) => {
  const ack = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
  out({ event: "q", args: describe(args), ackIsFunction: ack !== undefined });
  if (role === "answer" && ack) {
    ack({ id: socket.id, role, got: args[0] });
  }
});

await once(socket, "connect");
out({ event: "connected", id: socket.id, role });
await done;
finish(socket);
