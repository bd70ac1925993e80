package io.llmload.engine;

import io.llmload.scenario.Scenario;
import io.llmload.scenario.StageSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Refuses, before anything starts, a run that needs more sockets than this process may open
 * ({@code ulimit -n}). Past that limit Netty fails deep inside its threads and the run can hang
 * until it is killed; a clear line up front is the only useful outcome.
 */
public final class FileHandleCheck {
    /** Handles the JVM itself holds beyond those already open now (class path jars, the report files). */
    static final long SPARE = 64;

    private FileHandleCheck() {
    }

    /** Throws a usage error when the scenario's connections do not fit in this process's file handles. */
    public static void check(Scenario s) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            String problem = problem(s, unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - SPARE);
            if (problem != null) {
                throw new UsageException(problem);
            }
        }
    }

    /** Why {@code available} free file handles are too few for {@code s}, or null when they are enough (or unknown). */
    public static String problem(Scenario s, long available) {
        long users = users(s);
        if (s.cluster() != null) {
            users = (users + s.cluster().agents() - 1) / s.cluster().agents(); // each agent opens its share
        }
        Integer cap = s.target().http().maxConnections();
        if (cap != null) {
            users = Math.min(users, cap);
        } else if (s.target().http().http2()) {
            return null; // streams share connections: how many is up to the pool
        }
        long sockets = s.target().embedded() && s.cluster() == null ? 2 * users : users; // the embedded mock holds the other end
        if (sockets <= available) {
            return null;
        }
        return users + " concurrent connections need about " + sockets + " file handles"
                + (s.target().embedded() ? " (the embedded mock's side included)" : "") + ", but this process may open only "
                + Math.max(0, available) + " more (ulimit -n); raise the limit (e.g. ulimit -n " + roundUp(sockets + 2 * SPARE)
                + "), lower the load, or split it among agents (--agents)";
    }

    /**
     * The most users the closed model runs at once. An open model's in-flight count is its rate
     * times the server's latency, unknown before the run (its max_in_flight is a cap, not a need).
     */
    private static long users(Scenario s) {
        long users = s.load().concurrency() == null ? 0 : s.load().concurrency();
        for (StageSpec stage : s.load().stages()) {
            users = Math.max(users, stage.concurrency() == null ? 0 : stage.concurrency());
        }
        if (s.sweep() != null && s.sweep().concurrency() != null) {
            for (int c : s.sweep().concurrency()) {
                users = Math.max(users, c);
            }
        }
        return users;
    }

    private static long roundUp(long n) {
        long step = 1024;
        return (n + step - 1) / step * step;
    }
}
