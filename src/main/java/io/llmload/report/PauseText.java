package io.llmload.report;

import io.llmload.result.ClientPauses;
import java.util.Locale;

/** The warning for a client that paused for garbage collection long enough to show in its latencies. */
final class PauseText {
    private PauseText() {
    }

    /** The warning, or null when the pauses were too short to matter. */
    static String warning(ClientPauses p) {
        if (p == null || !p.notable()) {
            return null;
        }
        return String.format(Locale.ROOT, "the client itself paused for garbage collection (%s): %d pause(s) over %d ms, "
                + "the longest %d ms, %d ms in all. Tokens that arrived during a pause were timed when it ended, so the "
                + "latencies include it; on Java 21+ the launchers run generational ZGC, whose pauses stay around a millisecond",
                p.collector(), p.over10ms(), ClientPauses.NOTABLE_MS, p.maxMs(), p.totalMs());
    }
}
