package io.tether.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scripts from the calling module's {@code src/test/js} under Node, where they drive the official JavaScript
 * socket.io client against a server of the test (shared by the modules' tests).
 *
 * <p>The first run in a JVM installs the client with {@code npm ci} (from the committed
 * {@code package-lock.json}) unless {@code node_modules} already holds exactly the locked versions. Node and npm
 * must be on the {@code PATH}: when they are not, the test fails with a message saying so (it is not skipped).
 *
 * <p>A script gets the server's port in {@code PORT} and its own arguments after the script name; it prints
 * one JSON object per line on stdout, each with an {@code "event"} field, and exits 0 when done (see
 * {@code lib.js}, kept in this module and put beside the scripts before they run). The child inherits this
 * JVM's environment, so {@code DEBUG=socket.io-client*} works; its stderr is shown when a test fails.
 *
 * <pre>{@code
 * NodeResult result = NodeClient.run("echo-ack.js", server.port(), Duration.ofSeconds(15), "websocket")
 *         .assertSuccess();
 * JsonNode ack = result.event("ack");
 * }</pre>
 */
public final class NodeClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final String SHARED_LIB = "/io/tether/testkit/lib.js";
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private static Path installedDir;
    private static AssertionError installFailure;
    private static final java.util.Set<Path> installedDirs = new java.util.HashSet<>();

    private NodeClient() {}

    /**
     * Runs {@code node <script> <args...>} with {@code PORT=<port>} in the scripts folder and waits for it to
     * end; after {@code timeout} the process is killed and the result says it timed out.
     */
    public static NodeResult run(String script, int port, Duration timeout, String... args) {
        try (NodeProcess process = start(script, port, args)) {
            return process.await(timeout);
        }
    }

    /** Starts a script without waiting for it, for tests that act on the server while the client runs. */
    public static NodeProcess start(String script, int port, String... args) {
        return start(script, port, Map.of(), args);
    }

    /** Starts a script with these variables added to its environment. */
    public static NodeProcess start(String script, int port, Map<String, String> env, String... args) {
        return start(ensureInstalled(), script, port, env, true, args);
    }

    /**
     * Starts a server script of another folder (made ready with {@link #ensureInstalled(Path)}), such as a Node.js
     * server a test runs beside Tether, with these variables added to its environment. Unlike a client script,
     * its stdin stays open until it is closed, for servers that exit when their stdin closes.
     */
    public static NodeProcess startServer(Path dir, String script, int port, Map<String, String> env) {
        return start(dir, script, port, env, false);
    }

    private static NodeProcess start(Path dir, String script, int port, Map<String, String> env, boolean closeStdin,
            String... args) {
        if (!Files.isRegularFile(dir.resolve(script))) {
            throw new AssertionError("no script " + script + " in " + dir);
        }
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(script);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        return new NodeProcess(String.join(" ", command) + " (PORT=" + port + ")",
                startProcess(builder, "node", closeStdin));
    }

    /** The scripts folder, with {@code npm ci} run in it if needed (once per JVM). */
    public static synchronized Path ensureInstalled() {
        if (installedDir != null) {
            return installedDir;
        }
        if (installFailure != null) {
            throw installFailure;
        }
        try {
            Path dir = scriptsDir();
            putSharedLibBeside(dir);
            installedDir = ensureInstalled(dir);
            return installedDir;
        } catch (AssertionError e) {
            installFailure = e;
            throw e;
        }
    }

    /**
     * Runs {@code npm ci} in a folder of Node scripts unless its {@code node_modules} already holds exactly the
     * versions of its {@code package-lock.json}; for the modules' other script folders (a Node server, say).
     */
    public static synchronized Path ensureInstalled(Path dir) {
        if (installedDirs.contains(dir)) {
            return dir;
        }
        if (!installedMatchesLock(dir)) {
            npmCi(dir);
            if (!installedMatchesLock(dir)) {
                throw new AssertionError("npm ci ran in " + dir + " but node_modules still does not match "
                        + "package-lock.json");
            }
        }
        installedDirs.add(dir);
        return dir;
    }

    /** {@code src/test/js} of this module: under Maven's {@code basedir}, else relative to the working dir. */
    public static Path scriptsDir() {
        return scriptsDir("js");
    }

    /** {@code src/test/<folder>} of this module (a folder with a {@code package.json}). */
    public static Path scriptsDir(String folder) {
        List<Path> candidates = List.of(
                Paths.get(System.getProperty("basedir", "."), "src", "test", folder),
                Paths.get("src", "test", folder));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("cannot find the Node scripts (package.json) in any of " + candidates
                + " (working directory " + Paths.get("").toAbsolutePath() + ")");
    }

    /**
     * Writes the shared {@code lib.js} (a resource of this module) into the scripts folder, unless the same is
     * there already: every module's scripts import it as {@code ./lib.js}, and one copy is kept in the tree.
     */
    private static void putSharedLibBeside(Path dir) {
        try (InputStream in = NodeClient.class.getResourceAsStream(SHARED_LIB)) {
            if (in == null) {
                throw new AssertionError("the classpath has no " + SHARED_LIB);
            }
            byte[] lib = in.readAllBytes();
            Path target = dir.resolve("lib.js");
            if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), lib)) {
                Files.write(target, lib);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write lib.js into " + dir + ": " + e, e);
        }
    }

    /**
     * Whether {@code node_modules} holds every package of {@code package-lock.json} at its locked version
     * (npm keeps what it installed in {@code node_modules/.package-lock.json}).
     */
    private static boolean installedMatchesLock(Path dir) {
        Path installed = dir.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.isRegularFile(installed)) {
            return false;
        }
        try {
            JsonNode locked = JSON.readTree(dir.resolve("package-lock.json").toFile()).path("packages");
            JsonNode present = JSON.readTree(installed.toFile()).path("packages");
            for (Iterator<Map.Entry<String, JsonNode>> it = locked.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().isEmpty() || entry.getValue().path("optional").asBoolean()) {
                    continue;
                }
                String version = entry.getValue().path("version").asText();
                if (!version.equals(present.path(entry.getKey()).path("version").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void npmCi(Path dir) {
        System.err.println("NodeClient: node_modules does not match package-lock.json, running npm ci in " + dir);
        ProcessBuilder builder = new ProcessBuilder(WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        try (NodeProcess npm = new NodeProcess("npm ci in " + dir, startProcess(builder, "npm", true))) {
            NodeResult result = npm.await(NPM_CI_TIMEOUT);
            if (result.timedOut() || result.exitCode() != 0) {
                throw new AssertionError("npm ci failed in " + dir + " (the JS client tests need the npm registry "
                        + "or a populated npm cache):\n" + result.dump(Integer.MAX_VALUE));
            }
        }
    }

    private static Process startProcess(ProcessBuilder builder, String program, boolean closeStdin) {
        try {
            Process process = builder.start();
            if (closeStdin) {
                process.getOutputStream().close();
            }
            return process;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + program + " (" + e.getMessage() + "): the JS client tests need "
                    + "Node.js 18 or newer and npm on the PATH; install them (e.g. apt-get install nodejs npm)", e);
        }
    }

    /** A running script; closing it kills the process if it still runs. */
    public static final class NodeProcess implements AutoCloseable {
        private final String description;
        private final Process process;
        private final long startNanos = System.nanoTime();
        private final List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder stderr = new StringBuilder();
        private final CompletableFuture<Void> stdoutDone;
        private final CompletableFuture<Void> stderrDone;

        private NodeProcess(String description, Process process) {
            this.description = description;
            this.process = process;
            this.stdoutDone = pump(process.getInputStream(), stdout::add, "stdout");
            this.stderrDone = pump(process.getErrorStream(), line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            }, "stderr");
        }

        private CompletableFuture<Void> pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        sink.accept(line);
                    }
                    done.complete(null);
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, "node-" + name + "-" + process.pid());
            thread.setDaemon(true);
            thread.start();
            return done;
        }

        /** The stdout lines printed so far. */
        public List<String> linesSoFar() {
            synchronized (stdout) {
                return List.copyOf(stdout);
            }
        }

        /**
         * Waits for the first stdout line that matches and returns it; fails, with the output so far, when none
         * came within the timeout or the process ended without one.
         */
        public String awaitLine(java.util.function.Predicate<String> matches, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (String line : linesSoFar()) {
                    if (matches.test(line)) {
                        return line;
                    }
                }
                boolean ended = !process.isAlive() && stdoutDone.isDone();
                if (ended || System.nanoTime() > deadline) {
                    throw new AssertionError("no matching line from " + description + " within "
                            + timeout.toMillis() + " ms" + (ended ? " (it exited " + process.exitValue() + ")" : "")
                            + "; it said:\n" + output());
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        /** What the process printed so far, stdout then stderr, for failure messages. */
        public String output() {
            String err;
            synchronized (stderr) {
                err = stderr.toString();
            }
            return String.join("\n", linesSoFar()) + (err.isEmpty() ? "" : "\n[stderr]\n" + err);
        }

        /** Waits for the process to end; kills it (and reports a timeout) when it is still running after this. */
        public NodeResult await(Duration timeout) {
            boolean timedOut = false;
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    kill();
                }
                // the pipes close when the process ends; give the readers a moment to drain them
                CompletableFuture.allOf(stdoutDone, stderrDone).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new AssertionError("interrupted while waiting for " + description, e);
            } catch (ExecutionException | TimeoutException e) {
                // keep what was read; the dump says the output may be incomplete
                synchronized (stderr) {
                    stderr.append("[NodeClient: reading the output failed: ").append(e).append("]\n");
                }
            }
            String err;
            synchronized (stderr) {
                err = stderr.toString();
            }
            return new NodeResult(description, timedOut ? -1 : process.exitValue(), linesSoFar(), err, timedOut,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }

        private void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    /**
     * What a script did: its exit code (-1 when it was killed after the timeout), its stdout lines and its
     * stderr.
     */
    public record NodeResult(String description, int exitCode, List<String> stdout, String stderr, boolean timedOut,
            Duration elapsed) {

        /**
         * Fails, showing the output, unless the script exited 0 within its timeout and on its own (not after
         * lib.js's {@code finish} found the process still busy 2 s after disconnecting, which it reports with a
         * {@code lingering} line).
         */
        public NodeResult assertSuccess() {
            if (timedOut || exitCode != 0) {
                throw new AssertionError((timedOut ? "timed out (killed)" : "exit code " + exitCode) + ": "
                        + dump(2_000));
            }
            if (!events("lingering").isEmpty()) {
                throw new AssertionError("the script was still busy 2 s after disconnecting (a connection or a "
                        + "timer left open): " + dump(2_000));
            }
            return this;
        }

        /** Every stdout line as JSON; a line that is not JSON fails the test. */
        public List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>(stdout.size());
            for (String line : stdout) {
                try {
                    events.add(JSON.readTree(line));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("stdout line is not JSON (" + e.getOriginalMessage() + "): "
                            + abbreviate(line, 500) + "\n" + dump(2_000));
                }
            }
            return events;
        }

        /** The observations with this {@code "event"}, in order. */
        public List<JsonNode> events(String event) {
            return events().stream().filter(e -> event.equals(e.path("event").asText())).toList();
        }

        /** The only observation with this {@code "event"}; fails if there is none or several. */
        public JsonNode event(String event) {
            List<JsonNode> found = events(event);
            if (found.size() != 1) {
                throw new AssertionError("expected one \"" + event + "\" observation, found " + found.size() + ": "
                        + dump(2_000));
            }
            return found.get(0);
        }

        /** The {@code "event"} names in order, e.g. {@code [connected, ack, done]}. */
        public List<String> eventNames() {
            return events().stream().map(e -> e.path("event").asText()).toList();
        }

        /** The output, each line cut to {@code maxLine} characters. */
        public String dump(int maxLine) {
            StringBuilder sb = new StringBuilder(description).append(" after ").append(elapsed.toMillis())
                    .append(" ms, exit ").append(exitCode).append(timedOut ? " (timed out)" : "").append('\n');
            sb.append("--- stdout ---\n");
            stdout.forEach(line -> sb.append(abbreviate(line, maxLine)).append('\n'));
            sb.append("--- stderr ---\n");
            stderr.lines().forEach(line -> sb.append(abbreviate(line, maxLine)).append('\n'));
            return sb.toString();
        }

        @Override
        public String toString() {
            return dump(300);
        }

        private static String abbreviate(String line, int max) {
            return line.length() <= max ? line : line.substring(0, max) + "... (" + line.length() + " chars)";
        }
    }

    /**
     * The bytes of a binary value as {@code lib.js}'s {@code describe} prints it:
     * {@code {"$binary": base64, "type": "Buffer"}}.
     */
    public static byte[] binary(JsonNode described) {
        if (!described.has("$binary")) {
            throw new AssertionError("not a binary value: " + abbreviateNode(described));
        }
        return Base64.getDecoder().decode(described.get("$binary").asText());
    }

    /** The constructor name the client gave a binary value ({@code Buffer}, {@code ArrayBuffer}...). */
    public static String binaryType(JsonNode described) {
        binary(described);
        return described.path("type").asText();
    }

    private static String abbreviateNode(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
