package io.llmload.cli;

import io.llmload.engine.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code llmload} command: parses the command line and maps every outcome to an exit code. */
@Command(name = "llmload", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = CommandLine.ScopeType.INHERIT,
        usageHelpAutoWidth = true,
        description = "Load tester and benchmark for OpenAI-compatible chat-completion endpoints.",
        subcommands = {RunCommand.class, ValidateCommand.class, MockCommand.class, CompareCommand.class, ReportCommand.class,
            InitCommand.class, CompletionCommand.class, AgentCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Start with:  llmload run scenarios/quickstart.yaml   (offline, about 10 s)",
            "Your own:    llmload init   (or llmload init --from-curl 'curl ...')",
            "Details:     llmload COMMAND --help"})
public final class Main implements Runnable {
    private final Console console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        // Before anything starts Vert.x, Netty or Hazelcast: their first log line must already find the console closed.
        LibraryLogs.quietUnlessDebugging(System::getenv);
        System.exit(execute(args, Console.system()));
    }

    /** Runs the command line as the real entry point does, writing to {@code console}; returns the exit code. */
    public static int execute(String[] args, Console plain) {
        Console console = plain.scrubbed();
        CommandLine cl = new CommandLine(new Main(console));
        cl.setOut(new PrintWriter(console.out(), true));
        cl.setErr(new PrintWriter(console.err(), true));
        cl.setParameterExceptionHandler((ex, argv) -> {
            console.err().println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, console.err());
            console.err().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UsageException) {
                console.err().println("error: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            console.err().println("error: " + (ex instanceof IOException io ? Problems.describe(io)
                    : ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage()));
            if (console.env().apply("LLMLOAD_DEBUG") != null) {
                ex.printStackTrace(console.err());
            } else {
                console.err().println("(set LLMLOAD_DEBUG=1 for details)");
            }
            return ExitCodes.RUN_FAILED;
        });
        return cl.execute(args);
    }

    Console console() {
        return console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command, e.g. 'llmload run scenarios/quickstart.yaml'");
    }
}
