package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The client's own stop-the-world garbage-collection pauses in the measured part of a run: tokens
 * that arrive during one are timed when it ends, so a long pause reads as a long inter-token gap
 * that the server did not cause.
 *
 * @param collector the collector this JVM runs (Serial, Parallel, G1, ZGC, generational ZGC, Shenandoah)
 * @param count     pauses counted
 * @param totalMs   their summed length (each reported in whole milliseconds by the JVM)
 * @param maxMs     the longest
 * @param over10ms  how many lasted longer than {@link #NOTABLE_MS}
 */
public record ClientPauses(String collector, long count, long totalMs, long maxMs, @JsonProperty("over_10ms") long over10ms) {
    /** A pause longer than this is worth a warning: it is longer than a typical inter-token gap. */
    public static final long NOTABLE_MS = 10;

    /** Whether the pauses were long enough to show in the latencies, and the report should say so. */
    public boolean notable() {
        return over10ms > 0;
    }
}
