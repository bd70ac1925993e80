package io.llmload.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own with a small heap, for tests that prove something is
 * streamed rather than held in memory. Output goes to a file, never a pipe (a child that fills an
 * unread pipe blocks on its next write); an OutOfMemoryError ends the child at once rather than
 * leaving it waiting on a dead thread; a child that does not end in time is dumped (jstack) and
 * killed, so a failing test says where it stood and never hangs the build.
 */
public final class ForkedJvm {
    /** What the child did: whether it ended in time, its exit code (-1 if not) and its output. */
    public record Outcome(boolean ended, int exitCode, String output) {
    }

    private ForkedJvm() {
    }

    /** Runs {@code mainClass} with this JVM's class path, a heap of {@code heapMb} MiB and {@code args}. */
    public static Outcome run(Path workDir, int heapMb, long timeoutSeconds, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "child-", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String threads = "";
        if (!ended) {
            threads = threadDump(workDir, p.pid());
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return new Outcome(ended, ended ? p.exitValue() : -1, Files.readString(log) + threads);
    }

    private static String threadDump(Path workDir, long pid) throws IOException, InterruptedException {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        if (!Files.isExecutable(jstack)) {
            return "";
        }
        Path text = Files.createTempFile(workDir, "threads-", ".txt");
        Process dump = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(text.toFile()).start();
        if (!dump.waitFor(30, TimeUnit.SECONDS)) {
            dump.destroyForcibly();
        }
        return "\n--- threads of the child that did not end ---\n" + Files.readString(text);
    }
}
