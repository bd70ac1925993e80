package io.llmload.load;

import io.llmload.workload.JsonLines;
import io.llmload.workload.TraceRecord;
import io.llmload.workload.TraceRequests;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A trace's records as one driver's arrivals: the file is streamed without blocking (Vert.x
 * {@link AsyncFile} framed into lines by a {@link RecordParser}), this driver takes its records
 * ({@link TraceRequests#takes}: every {@code drivers}-th, within this agent's share), turns each into its request body ahead of time, and keeps at
 * most {@value #HIGH_WATER} of them (or its share of {@value #ALL_DRIVERS_BYTES} bytes of bodies) queued —
 * reading pauses beyond that, so a trace of any size costs a bounded amount of memory. Each record is due at the run's start plus its scaled offset
 * from the trace's first record; its index is its request's sequence number.
 *
 * <p>Thread contract: opened, read and asked on the driver's event loop only.
 */
final class TraceArrivals implements Arrivals {
    static final int HIGH_WATER = 128;
    /** Bytes of bodies read ahead by all of a run's drivers together, shared out evenly... */
    static final int ALL_DRIVERS_BYTES = 8 << 20;
    /** ...but never less than this per driver, so a driver can read ahead a few large records. */
    static final int MIN_DRIVER_BYTES = 1 << 20;
    private static final int LOW_WATER = 32;

    /** {@code offsetNanos} from the run's start: records are read ahead, before the clock starts. */
    private record Due(long offsetNanos, long index, Buffer body) {
    }

    private final Vertx vertx;
    private final TraceRequests trace;
    private final RunClock clock;
    private final int index;
    private final int drivers;
    private final long highWaterBytes;
    private final ArrayDeque<Due> queue = new ArrayDeque<>();
    private Context context;
    private AsyncFile file;
    private RecordParser lines;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private long queuedBytes;
    private long lineNumber;
    private long records;
    private Runnable waiting;
    private Due current;

    TraceArrivals(Vertx vertx, TraceRequests trace, RunClock clock, int index, int drivers) {
        this.vertx = vertx;
        this.trace = trace;
        this.clock = clock;
        this.index = index;
        this.drivers = drivers;
        this.highWaterBytes = highWaterBytes(drivers);
    }

    /** One driver's bound on the bytes of bodies it reads ahead. */
    static long highWaterBytes(int drivers) {
        return Math.max(MIN_DRIVER_BYTES, ALL_DRIVERS_BYTES / Math.max(1, drivers));
    }

    @Override
    public Future<Void> open() {
        context = vertx.getOrCreateContext();
        return vertx.fileSystem().open(trace.path().toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                .map(f -> {
                    file = f.setReadBufferSize(64 * 1024);
                    // the check before the run refused longer lines; one now means the file changed, and ends the replay
                    lines = RecordParser.newDelimited("\n", f).maxRecordSize(JsonLines.MAX_LINE_BYTES);
                    lines.exceptionHandler(t -> finish());
                    lines.endHandler(v -> finish());
                    lines.handler(this::safeLine);
                    return null;
                });
    }

    /** A record that cannot be turned into a request ends the replay; it must never leave a driver waiting. */
    private void safeLine(Buffer line) {
        try {
            line(line);
        } catch (RuntimeException e) {
            lines.pause();
            finish();
        }
    }

    private void line(Buffer line) {
        lineNumber++;
        int length = line.length();
        if (length > 0 && line.getByte(length - 1) == '\r') {
            length--;
        }
        String text = line.getString(0, length, StandardCharsets.UTF_8.name());
        if (text.isBlank()) {
            return;
        }
        long i = records++;
        if (!trace.takes(i, index, drivers)) {
            return;
        }
        TraceRecord record = trace.parse(text, lineNumber, i);
        if (record == null) {
            return; // the file changed since it was checked: its lines no longer parse
        }
        Buffer body = trace.body(record);
        queue.addLast(new Due(trace.offsetNanos(record), i, body));
        queuedBytes += body.length();
        if ((queue.size() >= HIGH_WATER || queuedBytes >= highWaterBytes) && !paused) {
            paused = true;
            lines.pause();
        }
        wake();
    }

    private void finish() {
        ended = true;
        wake();
    }

    /** Tells a driver waiting for a record that it may ask again (later, not from inside the parser). */
    private void wake() {
        Runnable r = waiting;
        if (r != null && !closed) {
            waiting = null;
            context.runOnContext(v -> r.run());
        }
    }

    @Override
    public long next(Runnable ready) {
        if (queue.isEmpty()) {
            if (ended || closed) {
                return END;
            }
            waiting = ready;
            resumeReading();
            if (queue.isEmpty()) {
                return PENDING;
            }
            waiting = null;
        }
        current = queue.pollFirst();
        queuedBytes -= current.body().length();
        if (queue.size() <= LOW_WATER && queuedBytes < highWaterBytes / 4) {
            resumeReading();
        }
        return clock.runStartNanos() + current.offsetNanos();
    }

    private void resumeReading() {
        if (paused && !ended) {
            paused = false;
            lines.resume();
        }
    }

    /** Records of this driver read ahead and waiting; for tests. */
    int queued() {
        return queue.size();
    }

    /** Bytes of the bodies waiting; for tests. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Records of the whole trace passed so far (this driver's and the others'); for tests. */
    long recordsRead() {
        return records;
    }

    @Override
    public long sequence() {
        return current.index();
    }

    @Override
    public Buffer body() {
        return current.body();
    }

    @Override
    public void close() {
        closed = true;
        waiting = null;
        queue.clear();
        queuedBytes = 0;
        if (file != null) {
            file.close();
        }
    }
}
