package io.llmload.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a run: the first one stops issuing and lets the run write its
 * reports (exit 130 or 143); a second one exits at once. Uses {@code sun.misc.Signal} because a
 * shutdown hook cannot choose the exit code or react to a second signal.
 *
 * <p>A signal ignored when the JVM started cannot be handled from Java: HotSpot's
 * {@code JVM_RegisterSignal} returns "ignored" for INT, TERM and HUP in that case and installs
 * nothing (a shell without job control starts {@code cmd &} with SIGINT ignored). The launchers
 * restore the default disposition before the JVM starts ({@code env --default-signal}); started
 * otherwise, the run says once that Ctrl-C cannot reach it.
 */
final class Signals {
    private final AtomicInteger exitCode = new AtomicInteger();

    /** Installs handlers for a run; {@code onFirst} runs on the first signal (from the signal thread). */
    static Signals install(Runnable onFirst, PrintStream err) {
        return install(onFirst, err, "stopping, finishing in-flight requests and writing reports");
    }

    /** Installs handlers; the first signal prints {@code what} happens now and runs {@code onFirst}. */
    static Signals install(Runnable onFirst, PrintStream err, String what) {
        Signals s = new Signals();
        for (String name : new String[] {"INT", "TERM"}) {
            int code = name.equals("INT") ? ExitCodes.SIGINT : ExitCodes.SIGTERM;
            try {
                SignalHandler before = Signal.handle(new Signal(name), sig -> {
                    if (s.exitCode.compareAndSet(0, code)) {
                        err.println();
                        err.println("interrupted: " + what + " (press Ctrl-C again to quit now)");
                        onFirst.run();
                    } else {
                        err.println("interrupted again: exiting now");
                        Runtime.getRuntime().halt(s.exitCode.get());
                    }
                });
                if (before == SignalHandler.SIG_IGN) {
                    err.println("warning: SIG" + name + " was ignored when llmload started (a job started with '&' by a script inherits that), "
                            + "so it cannot stop llmload; start it through its launcher (bin/llmload or ./llmload), which restores it"
                            + (name.equals("INT") ? ", or send SIGTERM" : ""));
                }
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform; the default behaviour stays
            }
        }
        return s;
    }

    /** 130 or 143 when a signal arrived, else 0. */
    int exitCode() {
        return exitCode.get();
    }
}
