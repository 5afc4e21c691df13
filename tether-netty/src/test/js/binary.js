// Binary both ways. On connecting, the server emits "download" with a byte[] at the top level, one nested in
// an object, an empty one and a large one; this client prints what it got. The client emits "upload" with
// Buffers placed the same way and waits for the server's acknowledgement (the lengths it received).
// Usage: node binary.js websocket|polling|default
import { connect, describe, finish, once, out, transportName } from "./lib.js";

const mode = process.argv[2] ?? "default";
const socket = connect(mode);
const download = once(socket, "download");

await once(socket, "connect");
out({ event: "connected", id: socket.id, transport: transportName(socket) });

const large = Buffer.alloc(100_000);
for (let i = 0; i < large.length; i++) {
  large[i] = (i * 31 + 7) & 0xff;
}
const lengths = await socket.timeout(2000).emitWithAck(
  "upload",
  Buffer.from([0, 1, 2, 0xfe, 0xff]),
  { name: "nested", data: Buffer.from([10, 20, 30]), list: [Buffer.from([40]), "x"] },
  Buffer.alloc(0),
  large);
out({ event: "upload-ack", transport: transportName(socket), answer: describe(lengths) });

const args = await download;
out({ event: "download", transport: transportName(socket), args: describe(args) });
finish(socket);
