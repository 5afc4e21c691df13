package io.tether.bench.peers;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.namespace.Namespace;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collections;

/**
 * The bench contract ({@code /work/shared/BENCH.md}, see {@code tether-bench/peers/README.md}) on
 * netty-socketio 2.0.x with its default {@link Configuration}; only the port is set (and SO_REUSEADDR, see main).
 *
 * <p>Namespaces {@code /} (netty-socketio's default namespace, named {@code ""}) and {@code /custom}
 * (any CONNECT auth payload is accepted: no auth-token listener is installed), events:
 * <ul>
 *   <li>{@code echo} (one argument, with an ack): acks with that same argument;</li>
 *   <li>{@code join} (a room name, with an ack): joins the room and acks {@code "ok"};</li>
 *   <li>{@code fanout} ({@code {"room": r, "payload": p}}, no ack): emits {@code msg} with {@code p} to
 *       every client of room {@code r} in the namespace, the sender included.</li>
 * </ul>
 *
 * <pre>
 * java -jar target/netty-socketio-bench.jar [--port N]
 * </pre>
 *
 * <p>Prints {@code PID <pid>} then {@code READY <port>} once it listens; stops on SIGTERM (prints
 * {@code STOPPED}).
 */
public final class NettySocketIoBenchServer {
    /** The port when {@code --port} is not given. */
    public static final int DEFAULT_PORT = 7400;

    private NettySocketIoBenchServer() {
    }

    public static void main(String[] args) {
        int port = parsePortOrExit("netty-socketio-bench", args);
        if (port == 0) {
            // SocketIOServer does not expose the bound port: pick a free one first
            port = freePort();
        }
        Configuration config = new Configuration();
        config.setPort(port);
        // the one change from the defaults, operational only: netty-socketio binds with SO_REUSEADDR off
        // (Node and the JDK turn it on), so it could not listen on a port that a previous run's connections
        // still hold in TIME_WAIT
        config.getSocketConfig().setReuseAddress(true);
        SocketIOServer server = new SocketIOServer(config);
        serveContract(server.getNamespace(Namespace.DEFAULT_NAME));
        serveContract(server.addNamespace("/custom"));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            System.out.println("STOPPED");
            System.out.flush();
        }, "netty-socketio-bench-shutdown"));
        try {
            server.start();
        } catch (Exception e) { // a BindException comes out of start() undeclared
            System.err.println("netty-socketio-bench: cannot listen on port " + port + ": " + e);
            Runtime.getRuntime().halt(1);
        }
        announce(port);
    }

    /** Installs the contract's three events on this namespace. */
    static void serveContract(SocketIONamespace namespace) {
        // payloads as JsonNode: netty-socketio's ObjectMapper drops null-valued fields of a Map
        // (Include.NON_NULL), while a JsonNode is written back as it came
        namespace.addEventListener("echo", JsonNode.class, (client, data, ack) -> {
            // one list argument: sendAckData(Object...) would spread a null into no array at all
            ack.sendAckData(Collections.singletonList(data));
        });
        namespace.addEventListener("join", String.class, (client, room, ack) -> {
            if (room != null) {
                client.joinRoom(room);
                ack.sendAckData("ok");
            }
        });
        namespace.addEventListener("fanout", JsonNode.class, (client, request, ack) -> {
            JsonNode room = request == null ? null : request.get("room");
            if (room == null || !room.isValueNode() || room.isNull()) {
                return;
            }
            JsonNode payload = request.get("payload");
            namespace.getRoomOperations(room.asText())
                    .sendEvent("msg", payload == null ? NullNode.getInstance() : payload);
        });
    }

    static void announce(int port) {
        System.out.println("PID " + ProcessHandle.current().pid());
        System.out.println("READY " + port);
        System.out.flush();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Parses {@code --port N} / {@code --port=N}; prints the usage and exits on a bad command line. */
    static int parsePortOrExit(String name, String[] args) {
        String usage = "usage: " + name + " [--port N]   (default " + DEFAULT_PORT + "; 0 picks a free one)\n"
                + "Prints \"PID <pid>\" then \"READY <port>\" on stdout once it listens; stops on SIGTERM.";
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage);
            System.exit(0);
        }
        try {
            return parsePort(args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            return -1;
        }
    }

    static int parsePort(String[] args) {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.equals("--port")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--port needs a value");
                }
                value = args[++i];
            } else if (arg.startsWith("--port=")) {
                value = arg.substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port needs a number: " + value);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        return port;
    }
}
