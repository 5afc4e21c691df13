// The official @socket.io/redis-emitter 5.x, for RedisNodeEmitterToTetherTest.
//
// Env: REDIS_PORT (redis-server on 127.0.0.1), KEY (key prefix, default "socket.io").
// Argument: a JSON array of operations, performed in order on one Redis connection (so published in order):
//   {"nsp": "/custom", "to": ["r1"], "except": ["r2"], "event": "news", "args": [1, {"$binary": "AQID"}]}
//   {"nsp": "/", "to": [], "except": ["r1"], "socketsJoin": ["r2"]}
// "nsp", "to", "except" and "args" are optional; {"$binary": base64} becomes a Buffer. Prints "DONE" and exits 0
// once every command has reached Redis.
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");

const redisPort = Number(process.env.REDIS_PORT);
const key = process.env.KEY || "socket.io";

function revive(value) {
  if (Array.isArray(value)) {
    return value.map(revive);
  }
  if (value && typeof value === "object") {
    if (typeof value.$binary === "string") {
      return Buffer.from(value.$binary, "base64");
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

async function main() {
  const operations = JSON.parse(process.argv[2] || "[]");
  const redisClient = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  redisClient.on("error", (err) => console.error("redis", err.message));
  await redisClient.connect();
  const emitter = new Emitter(redisClient, { key });

  for (const op of operations) {
    let target = op.nsp && op.nsp !== "/" ? emitter.of(op.nsp) : emitter;
    for (const room of op.to || []) {
      target = target.to(room);
    }
    for (const room of op.except || []) {
      target = target.except(room);
    }
    if (op.socketsJoin) {
      target.socketsJoin(op.socketsJoin);
    } else {
      target.emit(op.event, ...revive(op.args || []));
    }
  }
  // QUIT is queued after the PUBLISHes, so they have all been sent (and answered) when it resolves
  await redisClient.quit();
  process.stdout.write("DONE\n");
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
