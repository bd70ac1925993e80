package io.llmload.cli;

import io.llmload.engine.RunConsole;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where a command writes, the environment it reads, and whether it owns the process (terminal
 * output, signal handling). Injected so tests drive the real entry point in-process. {@code in}
 * is read only by commands that ask questions ({@code init} on a terminal).
 */
public record Console(PrintStream out, PrintStream err, Function<String, String> env, boolean terminal,
                      boolean ownsProcess, InputStream in) {

    /** A console with nothing to read. */
    public Console(PrintStream out, PrintStream err, Function<String, String> env, boolean terminal, boolean ownsProcess) {
        this(out, err, env, terminal, ownsProcess, InputStream.nullInputStream());
    }

    /** This console with both streams scrubbing {@link io.llmload.scenario.KnownSecrets}; idempotent. */
    public Console scrubbed() {
        if (out instanceof ScrubbingPrintStream && err instanceof ScrubbingPrintStream) {
            return this;
        }
        return new Console(new ScrubbingPrintStream(out), new ScrubbingPrintStream(err), env, terminal, ownsProcess, in);
    }

    /** What the engine may use of this console: its error stream, its environment, and live progress lines for its terminal. */
    public RunConsole engine() {
        return new RunConsole(err, env, (plannedRequests, warmupS, tokens) -> LiveConsole.progress(this, plannedRequests, warmupS, tokens));
    }

    public static Console system() {
        return new Console(System.out, System.err, System::getenv, System.console() != null, true, System.in);
    }
}
