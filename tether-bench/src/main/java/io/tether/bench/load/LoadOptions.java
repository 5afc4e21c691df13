package io.tether.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's command line: the scenario and its knobs, with the defaults of {@code BENCH.md}.
 *
 * @param scenario idle, echo, echo-rate or fanout
 * @param host the server's host
 * @param port the server's port
 * @param pid the server's process id, 0 when unknown (then no CPU or memory figures)
 * @param label the server's name in the JSON line
 * @param namespace the namespace every connection joins
 * @param connections how many connections (0: the scenario's default)
 * @param seconds how long the measured window lasts
 * @param warmupSeconds how long the load runs before the window opens
 * @param rate messages per second of echo-rate
 * @param roomSize members per room in fanout
 * @param senders senders in fanout
 * @param window broadcasts each fanout sender keeps in flight
 * @param inFlight handshakes under way at once while connecting
 * @param holdSeconds how long idle holds its connections before reading memory
 * @param warmupConnections how many connections idle opens and closes before reading its baseline
 */
record LoadOptions(String scenario, String host, int port, long pid, String label, String namespace,
                   int connections, double seconds, double warmupSeconds, int rate, int roomSize, int senders,
                   int window, int inFlight, double holdSeconds, int warmupConnections) {

    static final String USAGE = """
            usage: java -cp tether-bench.jar io.tether.bench.load.LoadGenerator SCENARIO [options]
              SCENARIO        idle | echo | echo-rate | fanout
              --host H        server host (127.0.0.1)
              --port N        server port (7400)
              --pid P         server pid, for its CPU time and memory from /proc (none: no server figures)
              --label NAME    the server's name in the output (server)
              --namespace NS  namespace to join (/)
              --connections N idle 10000, echo 100, echo-rate 1000, fanout 1000
              --seconds S     measured window (10)
              --warmup S      load before the window (5)
              --rate R        echo-rate messages per second (20000)
              --room-size N   fanout members per room (100)
              --senders N     fanout senders (10)
              --window N      fanout broadcasts in flight per sender (2)
              --in-flight N   handshakes under way at once (200)
              --hold S        idle: seconds to hold the connections before reading memory (30)
              --warmup-connections N  idle: connections opened and closed before the baseline (as many as
                              --connections: the server has served one such wave before it is measured)
            Prints one JSON line.""";

    static LoadOptions parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no scenario given");
        }
        String scenario = args[0];
        if (!Map.of("idle", 1, "echo", 1, "echo-rate", 1, "fanout", 1).containsKey(scenario)) {
            throw new IllegalArgumentException("unknown scenario: " + scenario);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        int defaultConnections = switch (scenario) {
            case "idle" -> 10_000;
            case "echo" -> 100;
            default -> 1000;
        };
        LoadOptions options = new LoadOptions(scenario,
                take(flags, "host", "127.0.0.1"),
                Integer.parseInt(take(flags, "port", "7400")),
                Long.parseLong(take(flags, "pid", "0")),
                take(flags, "label", "server"),
                take(flags, "namespace", "/"),
                Integer.parseInt(take(flags, "connections", Integer.toString(defaultConnections))),
                Double.parseDouble(take(flags, "seconds", "10")),
                Double.parseDouble(take(flags, "warmup", "5")),
                Integer.parseInt(take(flags, "rate", "20000")),
                Integer.parseInt(take(flags, "room-size", "100")),
                Integer.parseInt(take(flags, "senders", "10")),
                Integer.parseInt(take(flags, "window", "2")),
                Integer.parseInt(take(flags, "in-flight", "200")),
                Double.parseDouble(take(flags, "hold", "30")),
                Integer.parseInt(take(flags, "warmup-connections", "-1")));
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option: --" + flags.keySet().iterator().next());
        }
        if (options.warmupConnections < 0) {
            options = new LoadOptions(options.scenario, options.host, options.port, options.pid, options.label,
                    options.namespace, options.connections, options.seconds, options.warmupSeconds, options.rate,
                    options.roomSize, options.senders, options.window, options.inFlight, options.holdSeconds,
                    options.connections);
        }
        if (options.connections < 1 || options.roomSize < 1 || options.senders < 1 || options.window < 1
                || options.inFlight < 1 || options.rate < 1) {
            throw new IllegalArgumentException("counts must be at least 1");
        }
        return options;
    }

    private static String take(Map<String, String> flags, String name, String fallback) {
        String value = flags.remove(name);
        return value == null ? fallback : value;
    }
}
