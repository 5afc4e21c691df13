// Reads msgpack messages (one hex string a line) on stdin; for each prints one JSON line:
// {"reencoded": hex of notepack.encode(notepack.decode(message)), "value": the decoded value, binary described}.
// Same bytes back means notepack.io reads and writes the value exactly as Tether's RedisProtocol does.
const notepack = require("notepack.io");
const readline = require("node:readline");

function describe(value) {
  if (Buffer.isBuffer(value)) {
    return { $binary: value.toString("base64"), type: "Buffer" };
  }
  if (Array.isArray(value)) {
    return value.map(describe);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
  }
  return value;
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const value = notepack.decode(Buffer.from(line.trim(), "hex"));
  const reencoded = Buffer.from(notepack.encode(value)).toString("hex");
  process.stdout.write(JSON.stringify({ reencoded, value: describe(value) }) + "\n");
});
