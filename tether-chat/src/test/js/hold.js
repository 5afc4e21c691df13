// Connects one client, prints {"event":"ready"} once greeted, then waits for the server to disconnect it and
// prints {"event":"disconnect","reason":...} (from lib.js) before exiting.
// Usage: node hold.js websocket|polling|default
import { connect, finish, once, out } from "./lib.js";

const mode = process.argv[2] ?? "websocket";
const socket = connect(mode, { allowDisconnect: true });
const greeted = once(socket, "my_response");
await once(socket, "connect");
const [greeting] = await greeted;
out({ event: "ready", id: socket.id, greeting });
await once(socket, "disconnect");
finish();
