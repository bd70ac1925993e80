package io.llmload.engine;

import io.llmload.record.RequestLog;
import io.llmload.result.RecordsInfo;
import java.io.PrintStream;

/** Says, once, when requests.jsonl does not hold every request: records dropped by a writer that fell behind, or a write error. */
public final class RequestLogText {
    private RequestLogText() {
    }

    /** The same totals for report.json: {@code run.request_records}. */
    public static RecordsInfo info(RequestLog.Totals t) {
        return new RecordsInfo(t.files().get(0).getFileName().toString(), t.written(), t.dropped(), t.lost(), t.error());
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
