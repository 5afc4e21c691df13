// A socket.io 4.8 server on @socket.io/redis-adapter 8.x, in a cluster with Tether nodes.
// env: PORT (HTTP port), REDIS_PORT. Prints READY once listening and subscribed.
// Clients drive it: "join" (room, ack) joins a room; "do" (spec, ack) broadcasts:
//   spec = {nsp, rooms: [...], except: [...], local, fromSelf, event, args, binary};
// "fetch", "socketsJoin", "rooms", "setData", "serverSideEmit", "pings" (below) exercise the adapter's requests.
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

async function main() {
  const port = Number(process.env.PORT);
  const redisPort = Number(process.env.REDIS_PORT);
  const pubClient = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const subClient = pubClient.duplicate();
  pubClient.on("error", (e) => console.error("redis pub error", e.message));
  subClient.on("error", (e) => console.error("redis sub error", e.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const io = new Server(port, { adapter: createAdapter(pubClient, subClient) });
  const handle = (socket) => {
    socket.on("join", (room, ack) => {
      socket.join(room);
      if (typeof ack === "function") ack("joined");
    });
    socket.on("do", (spec, ack) => {
      let op = spec.fromSelf ? socket.broadcast : io.of(spec.nsp || "/");
      if (spec.local) op = op.local;
      for (const room of spec.rooms || []) op = op.to(room);
      for (const room of spec.except || []) op = op.except(room);
      const args = spec.args || [];
      if (spec.binary) args.push(Buffer.from([1, 2, 3]));
      op.emit(spec.event, ...args);
      if (typeof ack === "function") ack("done");
    });
    // fetchSockets across the cluster: spec = {nsp, rooms}; answers [{id, rooms, data, issued}]
    socket.on("fetch", async (spec, ack) => {
      let op = io.of(spec.nsp || "/");
      for (const room of spec.rooms || []) op = op.in(room);
      try {
        const sockets = await op.fetchSockets();
        ack(sockets.map((s) => ({ id: s.id, rooms: [...s.rooms], data: s.data, issued: s.handshake.issued })));
      } catch (e) {
        ack({ error: String(e) });
      }
    });
    // socketsJoin across the cluster: spec = {nsp, rooms, join}
    socket.on("socketsJoin", (spec, ack) => {
      let op = io.of(spec.nsp || "/");
      for (const room of spec.rooms || []) op = op.in(room);
      op.socketsJoin(spec.join);
      ack("done");
    });
    // emitWithAck across the cluster: spec = {nsp, rooms, event, args, timeout}; answers {responses} or {error}
    socket.on("emitWithAck", async (spec, ack) => {
      let op = io.of(spec.nsp || "/").timeout(spec.timeout || 5000);
      for (const room of spec.rooms || []) op = op.to(room);
      try {
        ack({ responses: await op.emitWithAck(spec.event, ...(spec.args || [])) });
      } catch (e) {
        ack({ error: String(e) });
      }
    });
    // serverSideEmit to the other nodes: spec = {event, args, withAck}; answers "done", {responses} or {error}
    socket.on("serverSideEmit", async (spec, ack) => {
      const nsp = io.of(spec.nsp || "/");
      if (!spec.withAck) {
        nsp.serverSideEmit(spec.event, ...(spec.args || []));
        ack("done");
        return;
      }
      try {
        ack({ responses: await nsp.serverSideEmitWithAck(spec.event, ...(spec.args || [])) });
      } catch (e) {
        ack({ error: String(e) });
      }
    });
    // what other nodes sent with serverSideEmit("ping", ...)
    socket.on("pings", (_, ack) => ack(pings));
    socket.on("rooms", (_, ack) => ack([...socket.rooms]));
    socket.on("allRooms", async (_, ack) => {
      try {
        ack([...(await io.of("/").adapter.allRooms())]);
      } catch (e) {
        ack({ error: String(e) });
      }
    });
    socket.on("setData", (data, ack) => {
      socket.data = data;
      ack("done");
    });
  };
  // server-side "ping" from other nodes: recorded; with an ack, answered "pong <first arg>"
  const pings = [];
  io.on("ping", (...args) => {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : null;
    pings.push(args);
    if (callback) callback("pong " + args[0]);
  });
  io.on("connection", handle);
  io.of("/chat").on("connection", handle);
  // let the (un-awaited) SUBSCRIBE/PSUBSCRIBE commands of the adapters go through first
  await pubClient.ping();
  await subClient.ping().catch(() => {});
  setTimeout(() => console.log("READY"), 100);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
