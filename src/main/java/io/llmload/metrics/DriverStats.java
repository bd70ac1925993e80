package io.llmload.metrics;

import io.llmload.client.ErrorKind;
import io.llmload.client.ItlBuffer;
import io.llmload.client.RequestOutcome;
import io.llmload.client.TokenSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The measurements of one driver. Thread contract: exactly one writer, the driver's event loop,
 * records wait-free into {@link SingleWriterRecorder}s and counters; one reader,
 * {@link MetricsCollector}, takes interval histograms and counter values from any thread.
 * Failed requests, requests their users abandoned and warmup requests never reach the latency
 * recorders. With conversations, measured requests are also recorded per turn ({@link TurnRecorders}).
 */
public final class DriverStats {
    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Metric.values().length];
    private final Histogram[] recycled = new Histogram[Metric.values().length];
    /** TTFT of warmup requests, kept apart: only the steady-state detector reads it. */
    private final SingleWriterRecorder warmupTtft = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
    private Histogram warmupTtftRecycled;

    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong incomplete = new AtomicLong();
    /** Of {@link #incomplete}, those that were waiting to be retried when they were cut off. */
    final AtomicLong incompleteRetrying = new AtomicLong();
    /** Succeeded streaming requests that the server answered with one JSON body. */
    final AtomicLong unstreamed = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong cancelledBeforeFirstToken = new AtomicLong();
    final AtomicLong warmupEnded = new AtomicLong();
    final AtomicLong warmupFailed = new AtomicLong();
    final AtomicLong inputTokens = new AtomicLong();
    final AtomicLong outputTokens = new AtomicLong();
    final AtomicLong[] outputSources = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    /** Reasoning tokens among {@link #outputTokens}, and how many requests counted theirs from each source. */
    final AtomicLong reasoningTokens = new AtomicLong();
    final AtomicLong[] reasoningSources = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    /** Succeeded measured answers that called tools. */
    final AtomicLong toolCallAnswers = new AtomicLong();
    final AtomicLong lastMeasuredEndNanos = new AtomicLong();
    final AtomicLong lastMeasuredSendNanos = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong goodputMet = new AtomicLong();
    final AtomicLong firstMeasuredStartNanos = new AtomicLong(Long.MAX_VALUE);
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final Map<String, String> errorSamples = new ConcurrentHashMap<>();
    /** Failed attempts of measured requests that were tried again, by error kind. */
    final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private volatile int inFlight;
    private final GoodputRule goodput;
    /** Per-turn recorders, or null when requests are not conversations. */
    final TurnRecorders turns;
    /** What answers are counted in when they carry vectors or scores ({@code vectors}, {@code documents}), null for token answers. */
    final String itemsLabel;
    /** Vectors or scored documents of succeeded measured requests. */
    final AtomicLong items = new AtomicLong();

    public DriverStats() {
        this(GoodputRule.NONE);
    }

    public DriverStats(GoodputRule goodput) {
        this(goodput, 0);
    }

    /** @param turns the most turns a conversation has (0: requests are not conversations) */
    public DriverStats(GoodputRule goodput, int turns) {
        this(goodput, turns, null);
    }

    /**
     * @param turns      the most turns a conversation has (0: requests are not conversations)
     * @param itemsLabel what the API's answers carry instead of tokens ({@code Api.itemsLabel()}), null for token APIs
     */
    public DriverStats(GoodputRule goodput, int turns, String itemsLabel) {
        this.itemsLabel = itemsLabel;
        this.goodput = goodput;
        this.turns = turns > 0 ? new TurnRecorders(turns) : null;
        for (int i = 0; i < recorders.length; i++) {
            recorders[i] = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
        }
    }

    /** Records a connection opened before the clock started: its time is the run's connect phase, in no request's latency. */
    public void recordConnectionUpFront(long connectNanos) {
        recordNanos(Metric.CONNECT, connectNanos);
    }

    public void requestStarted() {
        inFlight++;
    }

    /** Records an ended request; {@code measured} is false for warmup requests. */
    public void record(RequestOutcome outcome, ItlBuffer itl, boolean measured) {
        record(outcome, itl, measured, 1);
    }

    /** Records an ended request that was turn {@code turn} of its conversation (1 when not in one). */
    public void record(RequestOutcome outcome, ItlBuffer itl, boolean measured, int turn) {
        inFlight--;
        if (measured && turns != null) {
            turns.record(outcome, turn);
        }
        if (!measured) {
            warmupEnded.incrementAndGet();
            if (!outcome.succeeded()) {
                warmupFailed.incrementAndGet();
                errorSamples.putIfAbsent(outcome.errorKind(), String.valueOf(outcome.errorMessage()));
            } else if (outcome.firstTokenNanos() != 0) {
                warmupTtft.recordValue(Math.max(0, outcome.ttftNanos() / 1000));
            }
            return;
        }
        extendWindow(outcome);
        countRetries(outcome);
        if (!outcome.succeeded()) {
            failed.incrementAndGet();
            errors.computeIfAbsent(outcome.errorKind(), k -> new LongAdder()).increment();
            errorSamples.putIfAbsent(outcome.errorKind(), String.valueOf(outcome.errorMessage()));
            return;
        }
        succeeded.incrementAndGet();
        if (outcome.unstreamed()) {
            unstreamed.incrementAndGet();
        }
        outputTokens.addAndGet(outcome.outputTokens());
        if (outcome.items() > 0) {
            items.addAndGet(outcome.items());
        }
        if (outcome.inputTokens() > 0) {
            inputTokens.addAndGet(outcome.inputTokens());
        }
        outputSources[outcome.outputSource().ordinal()].incrementAndGet();
        if (outcome.toolCalls() > 0) {
            toolCallAnswers.incrementAndGet();
        }
        if (outcome.split().reasoningSource() != null) {
            reasoningTokens.addAndGet(outcome.reasoningTokens());
            reasoningSources[outcome.split().reasoningSource().ordinal()].incrementAndGet();
        }
        recordNanos(Metric.E2E, outcome.e2eNanos());
        recordNanos(Metric.SCHEDULE_LAG, outcome.scheduleLagNanos());
        RequestOutcome.Phases phases = outcome.phases();
        if (phases.connectionNanos() >= 0) {
            recordNanos(phases.newConnection() ? Metric.CONNECT : Metric.POOL_WAIT, phases.connectionNanos());
        }
        if (phases.headersNanos() >= 0) {
            recordNanos(Metric.HEADERS, phases.headersNanos());
        }
        if (outcome.firstTokenNanos() != 0) {
            recordNanos(Metric.TTFT, outcome.ttftNanos());
        }
        if (outcome.firstAnswerNanos() != 0) {
            recordNanos(Metric.TTFAT, outcome.ttfatNanos());
        }
        long tpot = outcome.tpotNanos();
        if (tpot >= 0 && outcome.firstTokenNanos() != 0) {
            recordNanos(Metric.TPOT, tpot);
        }
        if (goodput.active() && goodput.met(outcome, itl)) {
            goodputMet.incrementAndGet();
        }
        SingleWriterRecorder itlRecorder = recorders[Metric.ITL.ordinal()];
        for (int i = 0; i < itl.size(); i++) {
            itlRecorder.recordValue(itl.micros(i));
        }
    }

    /**
     * A request that was still running when the drain time ran out. It extends the measured window
     * to the cut: a server that stalls must not shrink the window and so inflate the rates.
     */
    public void recordCutOff(RequestOutcome outcome, boolean measured) {
        inFlight--;
        if (measured) {
            incomplete.incrementAndGet();
            if (ErrorKind.CUT_OFF_RETRYING.equals(outcome.errorKind())) {
                incompleteRetrying.incrementAndGet();
            }
            // The failed attempts of a request cut off while it waited to retry were real answers
            // (a 429 with its Retry-After): they count, or a rate-limiting server would look silent.
            countRetries(outcome);
            extendWindow(outcome);
        }
    }

    private void countRetries(RequestOutcome outcome) {
        for (int i = 0; i < outcome.retries().size(); i++) {
            retries.computeIfAbsent(outcome.retries().get(i), k -> new LongAdder()).increment();
        }
    }

    /** An open-model arrival that could not start because of {@code max_in_flight}. */
    public void recordDropped(boolean measured) {
        recordDropped(measured, 1);
    }

    /** An arrival (turn 1) or a conversation's follow-up (a later turn) that {@code max_in_flight} kept from starting. */
    public void recordDropped(boolean measured, int turn) {
        if (measured) {
            dropped.incrementAndGet();
            if (turns != null) {
                turns.dropped(turn);
            }
        }
    }

    /** A request its simulated user abandoned ({@code workload.cancel}): counted apart, in no latency histogram. */
    public void recordCancelled(RequestOutcome outcome, boolean measured, int turn) {
        inFlight--;
        if (measured) {
            extendWindow(outcome);
            countRetries(outcome);
            cancelled.incrementAndGet();
            if (outcome.firstTokenNanos() == 0) {
                cancelledBeforeFirstToken.incrementAndGet();
            }
            if (turns != null) {
                turns.cancelled(turn);
            }
        }
    }

    /** The measured window runs from the first measured start to the last measured end. */
    private void extendWindow(RequestOutcome outcome) {
        if (outcome.intendedStartNanos() < firstMeasuredStartNanos.get()) {
            firstMeasuredStartNanos.set(outcome.intendedStartNanos());
        }
        if (outcome.endNanos() > lastMeasuredEndNanos.get()) {
            lastMeasuredEndNanos.set(outcome.endNanos());
        }
        if (outcome.sendNanos() > lastMeasuredSendNanos.get()) {
            lastMeasuredSendNanos.set(outcome.sendNanos());
        }
    }

    public int inFlight() {
        return inFlight;
    }

    private void recordNanos(Metric metric, long nanos) {
        recorders[metric.ordinal()].recordValue(Math.max(0, nanos / 1000));
    }

    /** Reader side: the histogram of everything recorded since the last call. */
    Histogram takeInterval(Metric metric) {
        int i = metric.ordinal();
        Histogram h = recorders[i].getIntervalHistogram(recycled[i]);
        recycled[i] = h;
        return h;
    }

    Histogram takeWarmupTtft() {
        Histogram h = warmupTtft.getIntervalHistogram(warmupTtftRecycled);
        warmupTtftRecycled = h;
        return h;
    }

    long outputSource(TokenSource source) {
        return outputSources[source.ordinal()].get();
    }

    long reasoningSource(TokenSource source) {
        return reasoningSources[source.ordinal()].get();
    }
}
