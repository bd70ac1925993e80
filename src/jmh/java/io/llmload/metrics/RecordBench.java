package io.llmload.metrics;

import io.llmload.client.ItlBuffer;
import io.llmload.client.RequestOutcome;
import io.llmload.client.TokenSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recording path a driver's event loop runs when a request ends: {@link DriverStats#requestStarted}
 * and {@link DriverStats#record} (counters, TTFT/TPOT/E2E/schedule-lag histograms and one ITL value
 * per token gap: 63 for a 64-token answer), with latencies spread like a real run's. A reader
 * takes interval histograms now and then, as {@link MetricsCollector} does once a second, so the
 * recorders' phasers are exercised too. {@code recordValue} is one histogram record alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class RecordBench {
    private static final int OUTCOMES = 1024;
    private static final int TOKENS = 64;

    private final DriverStats stats = new DriverStats();
    private final SingleWriterRecorder recorder = new SingleWriterRecorder(Histograms.SIGNIFICANT_DIGITS);
    private RequestOutcome[] outcomes;
    private ItlBuffer[] gaps;
    private long[] values;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        outcomes = new RequestOutcome[OUTCOMES];
        gaps = new ItlBuffer[OUTCOMES];
        values = new long[OUTCOMES];
        for (int i = 0; i < OUTCOMES; i++) {
            long start = 1_000_000_000L + i * 1_000_000L;
            long ttft = 50_000_000L + random.nextLong(200_000_000L);
            ItlBuffer itl = new ItlBuffer();
            long total = 0;
            for (int t = 1; t < TOKENS; t++) {
                long gap = 5_000_000L + random.nextLong(40_000_000L);
                itl.add(gap);
                total += gap;
            }
            gaps[i] = itl;
            outcomes[i] = new RequestOutcome(null, null, 200, start, start + random.nextLong(50_000L), start + ttft,
                    start + ttft + total, TOKENS, 23, TokenSource.USAGE, TOKENS, "stop");
            values[i] = ttft / 1000;
        }
    }

    /** One request's recording; the interval swap every 1024 requests stands in for the collector's tick. */
    @Benchmark
    public int recordRequest() {
        int i = next++ & (OUTCOMES - 1);
        stats.requestStarted();
        stats.record(outcomes[i], gaps[i], true);
        if (i == 0) {
            stats.takeInterval(Metric.ITL);
            stats.takeInterval(Metric.TTFT);
        }
        return stats.inFlight();
    }

    @Benchmark
    public void recordValue() {
        recorder.recordValue(values[next++ & (OUTCOMES - 1)]);
    }
}
