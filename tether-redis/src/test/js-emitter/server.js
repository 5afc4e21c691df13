// A socket.io 4.8 server on @socket.io/redis-adapter 8.x, for RedisEmitterInteropTest.
//
// Env: PORT (HTTP port), REDIS_PORT (redis-server on 127.0.0.1), KEY (key prefix, default "socket.io").
// Namespaces "/" and "/custom". A client's handshake query names it (name=alice) and lists rooms to join
// (rooms=red,blue). Prints one JSON object per line on stdout: READY once the adapter listens on Redis, then
// connection / disconnect / serverSideEmit observations. Exits on SIGTERM or when stdin closes.
const { createServer } = require("node:http");
const { Server } = require("socket.io");
const { createClient } = require("redis");
const { createAdapter } = require("@socket.io/redis-adapter");

const port = Number(process.env.PORT);
const redisPort = Number(process.env.REDIS_PORT);
const key = process.env.KEY || "socket.io";
const NAMESPACES = ["/", "/custom"];

function print(observation) {
  process.stdout.write(JSON.stringify(observation) + "\n");
}

// binary values as {"$binary": base64, "type": constructor name}, so that Java sees what Node got
function describe(value) {
  if (Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = Buffer.isBuffer(value) ? value
      : value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return { $binary: bytes.toString("base64"), type: value.constructor.name };
  }
  if (value === undefined) {
    return { $undefined: true };
  }
  if (Array.isArray(value)) {
    return value.map(describe);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
  }
  return value;
}

async function main() {
  const pubClient = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const subClient = pubClient.duplicate();
  pubClient.on("error", (err) => console.error("redis pub", err.message));
  subClient.on("error", (err) => console.error("redis sub", err.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const httpServer = createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient, { key }) });

  for (const name of NAMESPACES) {
    const nsp = io.of(name);
    nsp.on("connection", (socket) => {
      const rooms = String(socket.handshake.query.rooms || "").split(",").filter((r) => r);
      socket.join(rooms);
      print({ event: "connection", nsp: name, id: socket.id, name: socket.handshake.query.name, rooms });
      socket.on("disconnect", (reason) => {
        print({ event: "disconnect", nsp: name, id: socket.id, name: socket.handshake.query.name, reason });
      });
    });
    // serverSideEmit from the emitter calls the namespace's own listeners
    nsp.on("server-event", (...args) => {
      print({ event: "serverSideEmit", nsp: name, args: describe(args) });
    });
  }

  // the adapter subscribes without telling when it is done: wait until Redis lists its subscriptions
  const requestChannels = NAMESPACES.map((nsp) => `${key}-request#${nsp}#`);
  for (;;) {
    const numsub = await pubClient.sendCommand(["PUBSUB", "NUMSUB", ...requestChannels]);
    const numpat = await pubClient.sendCommand(["PUBSUB", "NUMPAT"]);
    const subscribed = requestChannels.every((_, i) => Number(numsub[2 * i + 1]) >= 1);
    if (subscribed && Number(numpat) >= NAMESPACES.length) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  httpServer.listen(port, "127.0.0.1", () => {
    print({ event: "READY", port: httpServer.address().port });
  });

  const shutdown = () => {
    io.close();
    Promise.allSettled([pubClient.quit(), subClient.quit()]).finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.stdin.on("end", shutdown);
  process.stdin.resume();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
