package io.llmload.cli;

import io.llmload.engine.EngineRun;
import io.llmload.engine.RunVerdict;

/** Process exit codes (DESIGN.md "CLI"). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int RUN_FAILED = 3;
    public static final int SIGINT = 130;
    public static final int SIGTERM = 143;

    /**
     * The exit code of a verdict's status (engine.RunVerdict): an interrupted run exits with its
     * signal's code (130 when no signal of ours stopped it).
     */
    static int of(String status, Signals signals) {
        return RunVerdict.exitCode(status, interrupted(signals));
    }

    /** The exit code of a run that failed before its report; an interrupted one exits with its signal's code (130 without one). */
    static int of(EngineRun.Failed.Kind kind, Signals signals) {
        return switch (kind) {
            case INTERRUPTED -> interrupted(signals);
            case USAGE -> USAGE;
            case RUN_FAILED -> RUN_FAILED;
        };
    }

    private static int interrupted(Signals signals) {
        return signals != null && signals.exitCode() != 0 ? signals.exitCode() : SIGINT;
    }

    private ExitCodes() {
    }
}
