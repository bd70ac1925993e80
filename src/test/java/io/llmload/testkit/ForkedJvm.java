package io.llmload.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own with a small heap, for tests that prove something is
 * streamed rather than held in memory, or that need a process of their own. Output goes to a file,
 * never a pipe (a child that fills an unread pipe blocks on its next write); an OutOfMemoryError
 * ends the child at once rather than leaving it waiting on a dead thread, and its output then ends
 * with the child's heap settings and last collections; a child that does not end in time is dumped
 * (jstack) and killed, so a failing test says where it stood and never hangs the build.
 *
 * <p>llmload's client warmup is off in the children: what they prove is memory, counts and output,
 * never the client's own timing — a test that measures that (ColdStartIT) starts its process
 * itself. A child that runs for seconds and reads little starts faster still with
 * {@link #runShort} ({@link #FAST_START}); one that parses a large file wants the full JIT
 * ({@link #run}: C1 alone made DatasetMemoryTest's child slower by half).
 */
public final class ForkedJvm {
    /**
     * JVM flags for a child whose speed is not what a test measures: the C1 compiler only (a short
     * run is over before C2's code would pay for its compile time, and on a busy 2-core machine the
     * compiler threads compete with the test's own), which halves a short child's wall time.
     */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1");
    /** The environment variable that turns llmload's client warmup off (io.llmload.load.ClientWarmup's). */
    public static final String NO_WARMUP = "LLMLOAD_CLIENT_WARMUP";

    /** What the child did: whether it ended in time, its exit code (-1 if not) and its output. */
    public record Outcome(boolean ended, int exitCode, String output) {
    }

    private ForkedJvm() {
    }

    /** {@code java} of this JVM's runtime with {@link #FAST_START} and a heap of {@code heapMb} MiB. */
    public static List<String> java(int heapMb) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMb + "m");
        command.addAll(FAST_START);
        return command;
    }

    /** Runs {@code mainClass} with this JVM's class path, a heap of {@code heapMb} MiB and {@code args}. */
    public static Outcome run(Path workDir, int heapMb, long timeoutSeconds, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> java = java(heapMb);
        java.removeAll(FAST_START);
        return run(java, workDir, heapMb, timeoutSeconds, mainClass, args);
    }

    /** {@link #run} with {@link #FAST_START}: for a child that runs seconds and reads little. */
    public static Outcome runShort(Path workDir, int heapMb, long timeoutSeconds, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        return run(java(heapMb), workDir, heapMb, timeoutSeconds, mainClass, args);
    }

    private static Outcome run(List<String> command, Path workDir, int heapMb, long timeoutSeconds, Class<?> mainClass, String... args)
            throws IOException, InterruptedException {
        Path gc = Files.createTempFile(workDir, "child-gc-", ".log");
        // The heap's settings at start and one line per collection: cheap, and read only when the child ran out.
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-Xlog:gc,gc+init,gc+heap+exit:file=" + gc,
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "child-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(NO_WARMUP, "off");
        Process p = builder.start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String threads = "";
        if (!ended) {
            threads = threadDump(workDir, p.pid());
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        return new Outcome(ended, ended ? p.exitValue() : -1, output + threads + heapIfOutOfMemory(output, heapMb, gc));
    }

    private static String heapIfOutOfMemory(String output, int heapMb, Path gc) throws IOException {
        if (!output.contains("OutOfMemoryError")) {
            return "";
        }
        List<String> lines = Files.readAllLines(gc);
        List<String> settings = lines.stream().filter(l -> l.contains("gc,init")).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
        return "\n--- the child ran out of its heap (-Xmx" + heapMb + "m): its settings and last collections ---\n"
                + String.join("\n", settings) + "\n...\n" + String.join("\n", last) + "\n";
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
