package io.llmload.cli;

import io.llmload.engine.ProblemLines;
import io.llmload.engine.UsageException;
import io.llmload.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Prints what stopped a command (scenario problems one line each, usage errors) and gives its exit code. */
final class Problems {
    private Problems() {
    }

    static int print(ScenarioException e, PrintStream err) {
        ProblemLines.print(e, err);
        return ExitCodes.USAGE;
    }

    static int usage(UsageException e, PrintStream err) {
        err.println("error: " + e.getMessage());
        return ExitCodes.USAGE;
    }

    /**
     * The exit code of what can end a run without a result: a bad scenario or usage (2), reports
     * that cannot be written (3), an interrupt while waiting (130, the thread's flag restored).
     */
    static int ofRun(Exception e, PrintStream err) {
        if (e instanceof ScenarioException se) {
            return print(se, err);
        }
        if (e instanceof UsageException ue) {
            return usage(ue, err);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return ExitCodes.SIGINT;
        }
        if (e instanceof IOException) {
            err.println("error: cannot write the reports: " + describe((IOException) e));
            return ExitCodes.RUN_FAILED;
        }
        throw new IllegalArgumentException("not a run failure", e);
    }

    /** An I/O failure in words: Java's file exceptions carry only the path as their message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
