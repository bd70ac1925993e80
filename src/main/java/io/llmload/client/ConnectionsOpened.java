package io.llmload.client;

import java.util.Arrays;

/**
 * The connections a client opened before the schedule started, with how long each took to open
 * (TCP, and TLS where used): the run's {@code connect} cost that is kept out of its first requests.
 */
public record ConnectionsOpened(long[] connectNanos) {

    public int count() {
        return connectNanos.length;
    }

    /** Several clients' openings as one. */
    public static ConnectionsOpened of(Iterable<ConnectionsOpened> parts) {
        long[] all = new long[0];
        for (ConnectionsOpened p : parts) {
            long[] merged = Arrays.copyOf(all, all.length + p.connectNanos.length);
            System.arraycopy(p.connectNanos, 0, merged, all.length, p.connectNanos.length);
            all = merged;
        }
        return new ConnectionsOpened(all);
    }

    /** The median opening time in milliseconds (0 when none was opened). */
    public double medianMs() {
        if (connectNanos.length == 0) {
            return 0;
        }
        long[] sorted = connectNanos.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2] / 1e6;
    }

    /** The slowest opening in milliseconds (0 when none was opened). */
    public double maxMs() {
        return Arrays.stream(connectNanos).max().orElse(0) / 1e6;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionsOpened c && Arrays.equals(connectNanos, c.connectNanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(connectNanos);
    }

    @Override
    public String toString() {
        return "ConnectionsOpened" + Arrays.toString(connectNanos);
    }
}
