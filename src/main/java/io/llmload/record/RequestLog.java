package io.llmload.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Streams {@code requests.jsonl} (and {@code requests.csv}) while a run goes: the event loops
 * {@link RequestSink#accept offer} each record to a bounded queue and never wait; one dedicated
 * writer thread drains it in batches and writes through a buffer, flushing whenever the queue runs
 * empty. Memory is flat however long the run: at most {@link #capacity()} records wait. If the
 * writer falls that far behind (a disk slower than the request rate) a record is dropped and
 * counted rather than blocking an event loop or growing the heap; a write error stops writing,
 * and every record after it is counted as lost. Both show in {@link Totals}, which the report states.
 *
 * <p>Thread contract: {@link #forRun} and {@link #close} from one thread; the sinks from any.
 */
public final class RequestLog {
    /** Records waiting at most: ~16k records of a few hundred bytes each (more with {@code record_tokens}). */
    public static final int DEFAULT_CAPACITY = 16_384;
    private static final int BATCH = 512;
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final ObjectWriter LINE = JSON.writerFor(RequestRecord.class);

    private final ArrayBlockingQueue<RequestRecord> queue;
    private final int capacity;
    private final boolean recordTokens;
    private final UnaryOperator<String> scrub;
    private final Path jsonl;
    private final Path csv;
    private final OutputStream out;
    private final SequenceWriter csvRows;
    private final Thread writer;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong maxQueued = new AtomicLong();
    private volatile long written;
    private volatile String error;
    private volatile boolean closing;

    /** What became of the records: {@code written + dropped + lost = offered}. */
    public record Totals(List<Path> files, long offered, long written, long dropped, long lost, String error, int capacity, long maxQueued) {
    }

    private RequestLog(Path jsonl, OutputStream out, Path csv, OutputStream csvOut, boolean recordTokens, UnaryOperator<String> scrub,
                       int capacity) throws IOException {
        this.capacity = capacity;
        this.recordTokens = recordTokens;
        this.scrub = scrub;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.jsonl = jsonl;
        this.out = out;
        this.csv = csv;
        if (csvOut != null) {
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
            RequestRecord.FIELDS.forEach(schema::addColumn);
            this.csvRows = new CsvMapper().writer(schema.build()).writeValues(csvOut);
        } else {
            this.csvRows = null;
        }
        this.writer = new Thread(this::drain, "llmload-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Creates {@code requests.jsonl} (and {@code requests.csv} when {@code csv}) in {@code dir} and
     * starts the writer. {@code scrub} takes secrets out of server text (an error message that echoes
     * the key) before it is written, as every report file does.
     */
    public static RequestLog open(Path dir, boolean csv, boolean recordTokens, UnaryOperator<String> scrub) throws IOException {
        return open(dir, csv, recordTokens, scrub, DEFAULT_CAPACITY);
    }

    public static RequestLog open(Path dir, boolean csv, boolean recordTokens, UnaryOperator<String> scrub, int capacity)
            throws IOException {
        Files.createDirectories(dir);
        Path jsonl = dir.resolve("requests.jsonl");
        Path csvPath = csv ? dir.resolve("requests.csv") : null;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16);
        OutputStream csvOut = csv ? new BufferedOutputStream(Files.newOutputStream(csvPath), 1 << 16) : null;
        return new RequestLog(jsonl, out, csvPath, csvOut, recordTokens, scrub, capacity);
    }

    /** For tests: a log over any stream (one that fails or stalls), no CSV, no scrubbing. */
    static RequestLog over(OutputStream out, int capacity) throws IOException {
        return new RequestLog(Path.of("requests.jsonl"), out, null, null, false, UnaryOperator.identity(), capacity);
    }

    /** The most records that ever wait for the writer. */
    public int capacity() {
        return capacity;
    }

    /** The most records that waited at once so far (never above {@link #capacity()}). */
    public long maxQueued() {
        return maxQueued.get();
    }

    /** The sink for one run of the campaign. */
    public RequestSink forRun(RunTags tags) {
        return new RequestSink() {
            @Override
            public boolean recordTokens() {
                return recordTokens;
            }

            @Override
            public RunTags tags() {
                return tags;
            }

            @Override
            public long nextId() {
                return ids.incrementAndGet();
            }

            @Override
            public void accept(RequestRecord r) {
                offer(r);
            }

            @Override
            public void droppedBefore(long n) {
                offered.addAndGet(n);
                dropped.addAndGet(n);
            }
        };
    }

    void offer(RequestRecord r) {
        offered.incrementAndGet();
        if (closing || !queue.offer(r)) {
            dropped.incrementAndGet();
            return;
        }
        long size = queue.size();
        if (size > maxQueued.get()) {
            maxQueued.accumulateAndGet(size, Math::max);
        }
    }

    private void drain() {
        List<RequestRecord> batch = new ArrayList<>(BATCH);
        try {
            while (!closing || !queue.isEmpty()) {
                RequestRecord first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
                if (queue.isEmpty()) {
                    flush(); // the file is current within a poll interval whenever the writer keeps up
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<RequestRecord> batch) {
        if (error != null) {
            return; // counted as lost in the totals
        }
        try {
            for (RequestRecord raw : batch) {
                RequestRecord r = scrubbed(raw);
                out.write(LINE.writeValueAsBytes(r));
                out.write('\n');
                if (csvRows != null) {
                    csvRows.write(csvRow(r));
                }
                written++;
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    /** Only the server's words can hold a secret: the error and the retried errors. */
    private RequestRecord scrubbed(RequestRecord r) {
        if (r.error() == null && r.retryErrors() == null) {
            return r;
        }
        List<String> retried = r.retryErrors() == null ? null : r.retryErrors().stream().map(scrub).toList();
        return r.withErrors(scrub.apply(r.error()), retried);
    }

    /** The same fields as the JSON line; {@code itl_ms} and {@code retry_errors} become ;-joined strings. */
    private static Map<String, Object> csvRow(RequestRecord r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> row = new LinkedHashMap<>(JSON.convertValue(r, Map.class));
        if (r.itlMs() != null) {
            row.put("itl_ms", r.itlMs().stream().map(String::valueOf).collect(Collectors.joining(";")));
        }
        if (r.retryErrors() != null) {
            row.put("retry_errors", String.join(";", r.retryErrors()));
        }
        return row;
    }

    private void flush() {
        if (error != null) {
            return;
        }
        try {
            out.flush();
            if (csvRows != null) {
                csvRows.flush();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        if (error == null) {
            error = "writing " + jsonl.getFileName() + (csv != null ? " / " + csv.getFileName() : "") + " failed: " + e.getMessage();
        }
    }

    /** Stops taking records, writes those still queued, closes the files and says what became of every record. */
    public Totals close() {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            if (csvRows != null) {
                csvRows.close();
            }
            out.close();
        } catch (IOException e) {
            fail(e);
        }
        List<Path> files = csv == null ? List.of(jsonl) : List.of(jsonl, csv);
        long w = written;
        return new Totals(files, offered.get(), w, dropped.get(), offered.get() - w - dropped.get(), error, capacity, maxQueued.get());
    }
}
