package io.tether.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The comparison load generator: speaks Engine.IO 4 / Socket.IO 5 directly over WebSocket to any server of the
 * bench contract ({@code BENCH.md}) and prints one JSON line per run.
 *
 * <pre>
 * java -cp tether-bench/target/tether-bench.jar io.tether.bench.load.LoadGenerator echo --port 7400 --pid 1234
 * </pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** Runs one scenario against a running server and returns its JSON line. */
    public static String run(String... args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        try (ClientPool pool = new ClientPool(options.host(), options.port())) {
            Scenario scenario = switch (options.scenario()) {
                case "idle" -> new IdleScenario(options, pool);
                case "echo" -> new EchoScenario(options, pool, false);
                case "echo-rate" -> new EchoScenario(options, pool, true);
                case "fanout" -> new FanoutScenario(options, pool);
                default -> throw new IllegalArgumentException("unknown scenario: " + options.scenario());
            };
            Map<String, Object> line = scenario.run();
            return new ObjectMapper().writeValueAsString(line);
        }
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(LoadOptions.USAGE);
            return;
        }
        try {
            System.out.println(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("load generator: run failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
