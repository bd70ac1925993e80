package io.llmload.engine;

import io.llmload.record.RequestLog;
import java.io.PrintStream;

/** Says, once, when requests.jsonl does not hold every request: records dropped by a writer that fell behind, or a write error. */
public final class RequestLogText {
    private RequestLogText() {
    }

    public static void warn(RequestLog.Totals t, PrintStream err) {
        if (t.error() != null) {
            err.println("warning: " + t.error() + "; " + t.lost() + " request record(s) not written (the run's summary is complete)");
        }
        if (t.dropped() > 0) {
            err.println("warning: " + t.dropped() + " of " + t.offered() + " request record(s) dropped: the disk fell "
                    + t.capacity() + " records behind the run (the run's summary is complete)");
        }
    }
}
