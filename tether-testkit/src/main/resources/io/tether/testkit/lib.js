// Shared helpers for the scripts that NodeClient runs against a Tether server. The one copy lives in tether-testkit;
// NodeClient puts it beside the scripts of each module (src/test/js/lib.js, ignored by git) before it runs them.
//
// Contract with the Java side (io.tether.testkit.NodeClient):
// - the server's port is in the PORT environment variable; the script's own arguments follow the script name;
// - stdout carries one JSON object per line, each with an "event" field (stdout is nothing but these lines);
// - the script exits 0 when done, or non-zero with {"event":"error","message":...} and a message on stderr
//   on any error, including its own safety timeout.
// Set DEBUG=socket.io-client*,engine.io-client* in Maven's environment to see the client's debug log
// (stderr, shown by NodeClient when a test fails).
import { io } from "socket.io-client";

const SAFETY_MS = 10_000;
const LINGER_MS = 2_000;

const safety = setTimeout(() => fail(`safety timeout: not done after ${SAFETY_MS} ms`), SAFETY_MS);
let finishing = false;

process.on("uncaughtException", (e) => fail(`uncaught exception: ${e?.stack ?? e}`));
process.on("unhandledRejection", (e) => fail(`unhandled rejection: ${e?.stack ?? e}`));

/** Prints one observation as a JSON line. */
export function out(observation) {
  process.stdout.write(JSON.stringify(observation) + "\n");
}

/** Prints the error (as a JSON line and on stderr) and exits 1. */
export function fail(message) {
  out({ event: "error", message: String(message) });
  process.stderr.write(`${process.argv[1]}: ${message}\n`);
  process.exit(1);
}

/** Fails unless the condition holds. */
export function check(condition, message) {
  if (!condition) {
    fail(`check failed: ${message}`);
  }
}

/**
 * The transports option for a mode: "websocket" or "polling" alone, or "default" for the client's default
 * (polling first, then an upgrade to WebSocket).
 */
export function transportsFor(mode) {
  switch (mode) {
    case "websocket":
      return ["websocket"];
    case "polling":
      return ["polling"];
    case "default":
      return undefined;
    default:
      fail(`unknown transport mode "${mode}" (websocket, polling or default)`);
  }
}

/**
 * Opens a client socket to the Tether server on 127.0.0.1:$PORT (namespace optional, e.g. "/admin"): a new
 * Manager, no reconnection. A connect_error, or a disconnect before finish(), fails the script unless
 * options.allowDisconnect is set.
 */
export function connect(mode = "default", { namespace = "", allowDisconnect = false, ...options } = {}) {
  const port = process.env.PORT;
  if (!port) {
    fail("PORT is not set");
  }
  const transports = transportsFor(mode);
  const socket = io(`http://127.0.0.1:${port}${namespace}`, {
    forceNew: true,
    reconnection: false,
    ...(transports ? { transports } : {}),
    ...options,
  });
  socket.on("connect_error", (e) =>
    fail(`connect_error: ${e.message}${e.data !== undefined ? " " + JSON.stringify(e.data) : ""}`));
  socket.on("disconnect", (reason, details) => {
    out({ event: "disconnect", reason, details: details?.description?.message ?? details?.message });
    if (!finishing && !allowDisconnect) {
      fail(`unexpected disconnect: ${reason}`);
    }
  });
  return socket;
}

/** The name of the transport the socket's connection uses now. */
export function transportName(socket) {
  return socket.io.engine?.transport?.name;
}

/** Resolves with the arguments of the next such event. */
export function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

/**
 * A JSON-friendly copy of a received value: binary becomes {"$binary": base64, "type": constructor name},
 * undefined becomes {"$undefined": true}.
 */
export function describe(value) {
  if (Buffer.isBuffer(value)) {
    return { $binary: value.toString("base64"), type: "Buffer" };
  }
  if (value instanceof ArrayBuffer) {
    return { $binary: Buffer.from(value).toString("base64"), type: "ArrayBuffer" };
  }
  if (ArrayBuffer.isView(value)) {
    return {
      $binary: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"),
      type: value.constructor.name,
    };
  }
  if (Array.isArray(value)) {
    return value.map(describe);
  }
  if (value === undefined) {
    return { $undefined: true };
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
  }
  return value;
}

/**
 * Prints {"event":"done"}, disconnects the sockets (each prints {"event":"disconnect"}) and lets the process end
 * on its own once nothing is pending. If something keeps it alive for more than 2 s (an unclosed connection, a
 * timer), it says so on stdout and stderr and exits 0 anyway.
 */
export function finish(...sockets) {
  finishing = true;
  clearTimeout(safety);
  out({ event: "done" });
  for (const socket of sockets) {
    socket?.disconnect();
  }
  setTimeout(() => {
    out({ event: "lingering", ms: LINGER_MS });
    process.stderr.write(`${process.argv[1]}: still running ${LINGER_MS} ms after disconnecting; exiting\n`);
    process.exit(0);
  }, LINGER_MS).unref();
}
