package io.llmload.cli;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where a command writes, the environment it reads, and whether it owns the process (terminal
 * output, signal handling). Injected so tests drive the real entry point in-process.
 */
public record Console(PrintStream out, PrintStream err, Function<String, String> env, boolean terminal,
                      boolean ownsProcess) {

    public static Console system() {
        return new Console(System.out, System.err, System::getenv, System.console() != null, true);
    }
}
