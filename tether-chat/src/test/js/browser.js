// The chat's two pages in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser
// download), against the Tether chat server on 127.0.0.1:$PORT. Run by BrowserTest (through NodeClient).
//
// 1. /console: every form of the original test page, in order; the #log lines are printed and checked.
// 2. /: a conversation between Alice (desktop) and Bob (a phone-width screen, 390x844), each in its own browser
//    context: names, who is online, a room and its member count, messages in the room and to everyone,
//    unread badges, and Bob's connection cut and restored (reconnecting, then back with his name and room).
//
// Usage: node browser.js SCREENSHOTS_DIR
// stdout: one JSON object per line with an "event" field (NodeClient's contract): "console-log" (the #log
// lines), "users" and "messages" (what each page shows), "reconnected", "screenshot" (each file), "done".
// Exits 1 with {"event":"error"} on any failure, including a step that times out.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const STEP_TIMEOUT_MS = 10_000;
const SAFETY_MS = 120_000;

const port = process.env.PORT;
const shots = process.argv[2];
const base = `http://127.0.0.1:${port}`;
let browser = null;
let step = "start";

function out(observation) {
  process.stdout.write(JSON.stringify(observation) + "\n");
}

let failed = false;

async function fail(message) {
  if (failed) {
    return;   // the first failure is the one to tell
  }
  failed = true;
  out({ event: "error", step, message: String(message) });
  process.stderr.write(`${process.argv[1]}: at step "${step}": ${message}\n`);
  try {
    await browser?.close();
  } finally {
    process.exit(1);
  }
}

const safety = setTimeout(() => fail(`safety timeout: not done after ${SAFETY_MS} ms`), SAFETY_MS);
process.on("uncaughtException", (e) => fail(`uncaught exception: ${e?.stack ?? e}`));
process.on("unhandledRejection", (e) => fail(`unhandled rejection: ${e?.stack ?? e}`));

if (!port || !shots) {
  await fail("usage: PORT=port node browser.js SCREENSHOTS_DIR");
}
if (!fs.existsSync(CHROMIUM)) {
  await fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
}
fs.mkdirSync(shots, { recursive: true });

/** Names the step (for the error message), then runs it. */
async function at(name, action) {
  step = name;
  return action();
}

/** The icon Chromium asks for by itself (the /console page names none; the chat names /favicon.svg). */
function isFavicon(url) {
  return !!url && new URL(url).pathname === "/favicon.ico";
}

/** A page that fails the script on any error of its own: a script error, or a request the server refused. */
async function open(context, url, label) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on("pageerror", (e) => fail(`${label}: error in the page: ${e.stack ?? e}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !isFavicon(m.location()?.url)) {
      fail(`${label}: console error: ${m.text()}`);
    }
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !isFavicon(r.url())) {
      fail(`${label}: ${r.status()} for ${r.url()}`);
    }
  });
  page.on("requestfailed", (r) => {
    // the transport cut on purpose aborts a pending poll; anything else is a failure
    if (!r.url().includes("/socket.io/?")) {
      fail(`${label}: request failed: ${r.url()} (${r.failure()?.errorText})`);
    }
  });
  await page.goto(base + url);
  return page;
}

async function screenshot(page, name, options = {}) {
  const file = path.join(shots, name);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide", ...options });
  const size = page.viewportSize();
  out({ event: "screenshot", file: name, width: size.width, height: size.height });
}

// ---- 1. /console ----

/** The #log's lines: each message follows a <br>, so the text starts with an empty line. */
async function logLines(page) {
  return page.$eval("#log", (log) => log.innerText.split("\n").filter((line) => line.length > 0));
}

/** Waits until the log has these lines after the ones it had. */
async function logGrows(page, before, expected) {
  const want = [...before, ...expected];
  try {
    await page.waitForFunction((n) => {
      const lines = document.getElementById("log").innerText.split("\n").filter((l) => l.length > 0);
      return lines.length >= n;
    }, want.length);
  } catch (e) {
    throw new Error(`the log never had ${JSON.stringify(expected)} after ${JSON.stringify(before)}; it has `
      + JSON.stringify(await logLines(page)));
  }
  const lines = await logLines(page);
  if (JSON.stringify(lines) !== JSON.stringify(want)) {
    throw new Error(`the log is ${JSON.stringify(lines)}, expected ${JSON.stringify(want)}`);
  }
  return lines;
}

/** Fills a form's inputs and presses its submit button, as a user does. */
async function submit(page, form, fields = {}) {
  for (const [id, value] of Object.entries(fields)) {
    await page.fill(`#${id}`, value);
  }
  await page.click(`#${form} input[type=submit]`);
}

browser = await at("launch chromium", () => chromium.launch({ executablePath: CHROMIUM, args: ARGS }));
out({ event: "browser", version: browser.version() });

const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const consolePage = await at("console: open", () => open(consoleContext, "/console", "console"));
let log = await at("console: connect", async () => {
  await consolePage.waitForSelector("html[data-state=connected]");
  return logGrows(consolePage, [], ["Received: Connected", "Received: I'm connected!"]);
});
const consoleSteps = [
  ["set name", "username", { name_data: "Ada" }, ["Received: Username is set to Ada !"]],
  ["echo", "emit", { emit_data: "hello echo" }, ["Received: hello echo"]],
  ["broadcast", "broadcast", { broadcast_data: "hello everyone" }, ["Received: [Ada] hello everyone"]],
  ["join", "join", { join_room: "lobby" }, ["Received: Entered room: lobby"]],
  ["send to room", "send_room", { room_name: "lobby", room_data: "hello lobby" }, ["Received: [Ada] hello lobby"]],
  ["leave", "leave", { leave_room: "lobby" }, ["Received: Ada left room: lobby"]],
  // out of the room, a message to it reaches nobody: the next line is the echo's
  ["send to room after leaving", "send_room", { room_name: "lobby", room_data: "anyone there?" }, []],
  ["echo after leaving", "emit", { emit_data: "still here" }, ["Received: still here"]],
  ["join again", "join", { join_room: "lobby" }, ["Received: Entered room: lobby"]],
  ["close room", "close", { close_room: "lobby" }, ["Received: Room lobby is closing."]],
  ["send to closed room", "send_room", { room_name: "lobby", room_data: "closed?" }, []],
  ["echo after close", "emit", { emit_data: "last echo" }, ["Received: last echo"]],
];
for (const [name, form, fields, expected] of consoleSteps) {
  log = await at(`console: ${name}`, async () => {
    await submit(consolePage, form, fields);
    return expected.length === 0 ? log : logGrows(consolePage, log, expected);
  });
}
await at("console: screenshots", async () => {
  await screenshot(consolePage, "console-desktop.png");
  await consolePage.setViewportSize({ width: 390, height: 844 });
  await screenshot(consolePage, "console-phone.png", { fullPage: true });
  await consolePage.setViewportSize({ width: 1280, height: 800 });
});
log = await at("console: disconnect", async () => {
  await consolePage.click("#disconnect input[type=submit]");
  await consolePage.waitForSelector("html[data-state=disconnected]");
  return logGrows(consolePage, log, ["Disconnected"]);
});
out({ event: "console-log", lines: log });
await consoleContext.close();

// ---- 2. the chat UI at / ----

const aliceContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const bobContext = await browser.newContext({
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
});
const alice = await at("chat: Alice opens /", () => open(aliceContext, "/", "Alice"));
const bob = await at("chat: Bob opens / on a phone", () => open(bobContext, "/", "Bob"));

async function chooseName(page, name) {
  await page.waitForSelector("html[data-state=connected]");
  await page.waitForSelector("#name-dialog:not([hidden])");
  await page.fill("#name-input", name);
  await page.click("#name-submit");
  await page.waitForSelector("#name-dialog", { state: "hidden" });
  await page.waitForFunction((n) => document.getElementById("me-name").textContent === n, name);
}

/** The users a page lists as online, in its order. */
function users(page) {
  return page.$$eval("#users li", (items) => items.map((li) => li.querySelector(".user-name").textContent));
}

/** Waits until the page lists exactly these users (in any order). */
async function usersAre(page, names) {
  const want = [...names].sort();
  try {
    await page.waitForFunction((w) => {
      const shown = [...document.querySelectorAll("#users li .user-name")].map((n) => n.textContent).sort();
      return JSON.stringify(shown) === JSON.stringify(w);
    }, want);
  } catch (e) {
    throw new Error(`the page lists ${JSON.stringify(await users(page))} online, expected ${JSON.stringify(want)}`);
  }
}

/** The messages the page shows in its current channel: author, text, time as shown, room, mine. */
function messages(page) {
  return page.$$eval("#messages li.msg", (items) => items.map((li) => ({
    author: li.querySelector(".msg-author").textContent,
    text: li.querySelector(".msg-text").textContent,
    time: li.querySelector(".msg-time").textContent,
    room: li.dataset.room,
    mine: li.classList.contains("mine"),
  })));
}

/** Waits until the page shows this message (author and text) in its current channel. */
async function shows(page, author, text) {
  try {
    await page.waitForFunction(([a, t]) => [...document.querySelectorAll("#messages li.msg")].some((li) =>
      li.querySelector(".msg-author").textContent === a && li.querySelector(".msg-text").textContent === t),
    [author, text]);
  } catch (e) {
    throw new Error(`no message "${text}" by ${author}; the page shows ${JSON.stringify(await messages(page))}`);
  }
}

async function send(page, text) {
  await page.fill("#text", text);
  await page.press("#text", "Enter");
}

/** The room's member count as a page's room list shows it. */
async function roomCount(page, room, count) {
  await page.waitForFunction(([r, c]) => {
    const li = [...document.querySelectorAll("#rooms li")].find((item) => item.dataset.room === r);
    return li && li.querySelector(".room-count").textContent === String(c);
  }, [room, count]);
}

async function openDrawer(page) {
  await page.click("#menu");
  await page.waitForSelector("#app.drawer-open");
}

const ROOM = "tether-team";

await at("chat: the name dialog", async () => {
  await alice.waitForSelector("#name-dialog:not([hidden])");
  await screenshot(alice, "chat-name-desktop.png");
});
await at("chat: Alice chooses her name", () => chooseName(alice, "Alice"));
await at("chat: Bob chooses his name", () => chooseName(bob, "Bob"));
await at("chat: both are online", async () => {
  await usersAre(alice, ["Alice", "Bob"]);
  await usersAre(bob, ["Alice", "Bob"]);
  await alice.waitForFunction(() => document.getElementById("online-count").textContent === "2");
});
out({ event: "users", page: "alice", users: await users(alice) });
out({ event: "users", page: "bob", users: await users(bob) });

await at("chat: Alice creates a room", async () => {
  await alice.fill("#new-room-name", ROOM);
  await alice.click("#new-room button[type=submit]");
  await alice.waitForFunction((r) => document.getElementById("channel-name").textContent === "# " + r, ROOM);
  await roomCount(alice, ROOM, 1);
});
await at("chat: Bob sees the room with one member and joins it", async () => {
  await openDrawer(bob);
  await roomCount(bob, ROOM, 1);
  await screenshot(bob, "chat-phone-drawer.png");
  await bob.click(`#rooms li[data-room="${ROOM}"] .room-open`);
  await bob.waitForFunction((r) => document.getElementById("channel-name").textContent === "# " + r, ROOM);
  await bob.waitForSelector("#app:not(.drawer-open)");
  await bob.waitForFunction(() => document.getElementById("channel-info").textContent === "2 members");
});
await at("chat: Alice sees two members", async () => {
  await roomCount(alice, ROOM, 2);
  await alice.waitForFunction(() => document.getElementById("channel-info").textContent === "2 members");
});

await at("chat: messages in the room", async () => {
  await send(alice, "Hi Bob, welcome to the team room!");
  await shows(bob, "Alice", "Hi Bob, welcome to the team room!");
  await send(bob, "Thanks Alice. Glad to be here.");
  await shows(alice, "Bob", "Thanks Alice. Glad to be here.");
  await send(alice, "The release notes are ready for review.");
  await shows(bob, "Alice", "The release notes are ready for review.");
  await send(bob, "Great, I'll read them on the train.");
  await shows(alice, "Bob", "Great, I'll read them on the train.");
});

await at("chat: a message to everyone", async () => {
  await alice.click("#rooms li.everyone .room-open");
  await alice.waitForFunction(() => document.getElementById("channel-name").textContent === "Everyone");
  await send(alice, "Hello everyone! Tether chat is live.");
  await shows(alice, "Alice", "Hello everyone! Tether chat is live.");
  // Bob is in the room: an unread badge on the menu, then on Everyone
  await bob.waitForSelector("#menu-badge:not([hidden])");
  await openDrawer(bob);
  await bob.waitForFunction(() => document.querySelector("#rooms li.everyone .unread")?.textContent === "1");
  await bob.click("#rooms li.everyone .room-open");
  await shows(bob, "Alice", "Hello everyone! Tether chat is live.");
  await send(bob, "Hi all, from my phone.");
  await shows(alice, "Bob", "Hi all, from my phone.");
});
out({ event: "messages", page: "alice", channel: "everyone", messages: await messages(alice) });
out({ event: "messages", page: "bob", channel: "everyone", messages: await messages(bob) });

await at("chat: back in the room", async () => {
  await alice.click(`#rooms li[data-room="${ROOM}"] .room-open`);
  await openDrawer(bob);
  await bob.click(`#rooms li[data-room="${ROOM}"] .room-open`);
  await shows(alice, "Bob", "Great, I'll read them on the train.");
  await shows(bob, "Alice", "Hi Bob, welcome to the team room!");
});
out({ event: "messages", page: "alice", channel: ROOM, messages: await messages(alice) });
out({ event: "messages", page: "bob", channel: ROOM, messages: await messages(bob) });

await at("chat: Bob's connection is cut and comes back", async () => {
  const oldId = await bob.evaluate(() => window.tetherChat.socket.id);
  await bob.evaluate(() => window.tetherChat.socket.io.engine.transport.close());
  await bob.waitForSelector("html[data-state=reconnecting]");
  const reconnecting = await bob.textContent("#status");
  await bob.waitForSelector("html[data-state=connected]");
  const newId = await bob.evaluate(() => window.tetherChat.socket.id);
  // back with his name and in his room: Alice sees him, and two members again
  await usersAre(alice, ["Alice", "Bob"]);
  await alice.waitForFunction((id) => [...document.querySelectorAll("#users li")]
    .some((li) => li.dataset.userId === id), newId);
  await roomCount(alice, ROOM, 2);
  await bob.waitForFunction(() => document.getElementById("channel-info").textContent === "2 members");
  await send(bob, "Back online.");
  await shows(alice, "Bob", "Back online.");
  out({ event: "reconnected", status: reconnecting, newSocket: newId !== oldId,
    bobStatus: await bob.textContent("#status") });
});

await at("chat: screenshots", async () => {
  await screenshot(alice, "chat-desktop.png");
  await screenshot(bob, "chat-phone.png");
  await bob.setViewportSize({ width: 1280, height: 800 });
  await screenshot(bob, "chat-desktop-bob.png");
});

clearTimeout(safety);
await browser.close();
out({ event: "done" });
