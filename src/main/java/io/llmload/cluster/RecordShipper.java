package io.llmload.cluster;

import io.llmload.record.RequestRecord;
import io.llmload.record.RequestRecordBatch;
import io.llmload.record.RequestSink;
import io.llmload.record.RunTags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An agent's {@link RequestSink}: the drivers' event loops hand it each ended request's record
 * and never wait; the agent takes them out in batches ({@link #nextBatch}) and ships them to the
 * coordinator, which writes them into the run's {@code requests.jsonl}. At most {@code capacity}
 * records wait; past that a record is counted as dropped (the coordinator's file says how many),
 * so a slow coordinator never grows the agent's heap. Records are tagged by lane (an interleaved
 * variant's lane is its variant); the coordinator adds the run's tags and its own ids.
 *
 * <p>Thread contract: {@link #accept} from any thread; {@link #nextBatch} from one at a time.
 */
final class RecordShipper implements RequestSink {
    static final int CAPACITY = 16_384;
    static final int BATCH = 1_000;
    /** Lane names stand for variants here; the coordinator keeps them only for interleaved variants. */
    private static final RunTags BY_LANE = new RunTags(1, null, null, true);

    private final ConcurrentLinkedQueue<RequestRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final boolean recordTokens;
    private final int capacity;

    RecordShipper(boolean recordTokens) {
        this(recordTokens, CAPACITY);
    }

    RecordShipper(boolean recordTokens, int capacity) {
        this.recordTokens = recordTokens;
        this.capacity = capacity;
    }

    @Override
    public boolean recordTokens() {
        return recordTokens;
    }

    @Override
    public RunTags tags() {
        return BY_LANE;
    }

    @Override
    public long nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public void accept(RequestRecord r) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(r);
    }

    /** Up to {@link #BATCH} waiting records as JSON text, or null when none wait. */
    String nextBatch() {
        List<RequestRecord> batch = new ArrayList<>(Math.min(BATCH, Math.max(1, queued.get())));
        RequestRecord r;
        while (batch.size() < BATCH && (r = queue.poll()) != null) {
            batch.add(r);
        }
        queued.addAndGet(-batch.size());
        return batch.isEmpty() ? null : RequestRecordBatch.encode(batch);
    }

    /** Records that found the buffer full. */
    long dropped() {
        return dropped.get();
    }
}
