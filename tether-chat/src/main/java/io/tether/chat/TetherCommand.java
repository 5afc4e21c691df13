package io.tether.chat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code tether} command line; {@code tether chat} runs the chat server.
 *
 * <pre>
 * java -jar tether-chat/target/tether-chat.jar chat --port 8000
 * </pre>
 *
 * <p>A bad flag or setting prints one line on stderr and exits with 2 (picocli's usage error code); a server
 * that cannot start (a taken port) prints one line and exits with 1.
 */
@Command(name = "tether",
        description = "Tether, a Socket.IO server for the JVM.",
        mixinStandardHelpOptions = true,
        versionProvider = TetherCommand.Version.class,
        subcommands = CommandLine.HelpCommand.class)
public final class TetherCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command, e.g. 'tether chat'");
    }

    /** The command line as the jar runs it. */
    public static void main(String[] args) {
        CommandLine cli = commandLine(System.getenv(), Path.of("").toAbsolutePath(),
                hook -> Runtime.getRuntime().addShutdownHook(new Thread(hook, "tether-shutdown")),
                Clock.systemDefaultZone());
        System.exit(cli.execute(args));
    }

    /**
     * The command line with its surroundings given: the environment, the working directory (for
     * {@code ./tether.properties}), where {@code chat} registers its graceful stop, and the message log's clock.
     */
    public static CommandLine commandLine(Map<String, String> env, Path workingDir, Consumer<Runnable> shutdownHooks,
            Clock clock) {
        CommandLine cli = new CommandLine(new TetherCommand());
        cli.addSubcommand(new CommandLine(new ChatCommand(env, workingDir, shutdownHooks, clock)));
        cli.setParameterExceptionHandler(TetherCommand::usageError);
        return cli;
    }

    /** One line: what is wrong and where to look, then picocli's usage exit code (2). */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code tether VERSION (socket.io client VERSION)}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = "unknown";
            try (InputStream in = TetherCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            } catch (IOException e) {
                // keep "unknown"
            }
            String client;
            try {
                client = ClientScripts.load().version();
            } catch (RuntimeException e) {
                client = "missing";
            }
            return new String[] {"tether " + version + " (socket.io client " + client + ")"};
        }
    }
}
