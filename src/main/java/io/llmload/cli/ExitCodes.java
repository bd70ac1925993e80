package io.llmload.cli;

/** Process exit codes (DESIGN.md "CLI"). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int RUN_FAILED = 3;
    public static final int SIGINT = 130;
    public static final int SIGTERM = 143;

    private ExitCodes() {
    }
}
