package io.llmload.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.ClientPauses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The client's garbage-collection pauses, from this JVM's own collector. */
@Isolated("it makes this JVM pause for a full collection: nothing else may run beside it")
class PauseWatchTest {
    /** A live set of many small objects, so a full collection has real work (and a real pause). */
    private static List<int[]> liveSet() {
        List<int[]> live = new ArrayList<>();
        for (int i = 0; i < 2_000_000; i++) {
            live.add(new int[8]);
        }
        return live;
    }

    @Test
    void aFullCollectionInTheMeasuredWindowIsCounted() throws Exception {
        List<int[]> live = liveSet();
        PauseWatch watch = PauseWatch.start(() -> 0L);
        System.gc();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ClientPauses seen;
        // the collector's notification comes a moment after the pause, on the JVM's own thread
        do {
            Thread.sleep(20);
            seen = watch.seen();
        } while (seen.count() == 0 && System.nanoTime() < deadline);
        ClientPauses p = watch.stop();
        assertThat(live).hasSize(2_000_000);
        assertThat(p.count()).as("the full collection was seen").isPositive();
        assertThat(p.totalMs()).isGreaterThanOrEqualTo(p.maxMs());
        assertThat(p.collector()).isIn("Serial", "Parallel", "G1", "ZGC", "generational ZGC", "Shenandoah");
    }

    @Test
    void pausesBeforeTheMeasuredWindowAreLeftOut() throws Exception {
        List<int[]> live = liveSet();
        PauseWatch watch = PauseWatch.start(() -> Long.MAX_VALUE); // still warming up
        System.gc();
        Thread.sleep(500);
        ClientPauses p = watch.stop();
        assertThat(live).isNotEmpty();
        assertThat(p.count()).isZero();
        assertThat(p.notable()).isFalse();
    }

    @Test
    void theCollectorIsNamedFromItsBeans() {
        assertThat(PauseWatch.collectorOf(List.of("Copy", "MarkSweepCompact"))).isEqualTo("Serial");
        assertThat(PauseWatch.collectorOf(List.of("G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation"))).isEqualTo("G1");
        assertThat(PauseWatch.collectorOf(List.of("ZGC Pauses"))).isEqualTo("ZGC");
        assertThat(PauseWatch.collectorOf(List.of("ZGC Minor Pauses", "ZGC Major Pauses"))).isEqualTo("generational ZGC");
        assertThat(PauseWatch.collectorOf(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("Parallel");
        assertThat(new ClientPauses("Serial", 3, 80, 60, 2).notable()).isTrue();
        assertThat(new ClientPauses("generational ZGC", 300, 30, 1, 0).notable()).isFalse();
    }
}
