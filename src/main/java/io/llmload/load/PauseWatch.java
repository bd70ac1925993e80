package io.llmload.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.llmload.result.ClientPauses;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's garbage-collection pauses while a run is measured, from the collectors' own
 * notifications (delivered on the JVM's notification thread, never an event loop). A collector's
 * "Cycles" bean (ZGC, Shenandoah) times concurrent work, not pauses, and is left out.
 */
final class PauseWatch implements NotificationListener {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final String collector;
    private final LongSupplier measuredFrom;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMs = new AtomicLong();
    private final AtomicLong maxMs = new AtomicLong();
    private final AtomicLong over10 = new AtomicLong();

    /** @param measuredFrom the nanoTime the measured window begins (Long.MAX_VALUE while not known) */
    private PauseWatch(LongSupplier measuredFrom) {
        this.measuredFrom = measuredFrom;
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Cycles") && gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
                names.add(gc.getName());
            }
        }
        this.collector = collectorOf(names);
    }

    static PauseWatch start(LongSupplier measuredFrom) {
        return new PauseWatch(measuredFrom);
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        long ms = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getDuration();
        // Delivered just after the pause: it began about its length ago.
        if (System.nanoTime() - ms * 1_000_000 < measuredFrom.getAsLong()) {
            return;
        }
        count.incrementAndGet();
        totalMs.addAndGet(ms);
        maxMs.accumulateAndGet(ms, Math::max);
        if (ms > ClientPauses.NOTABLE_MS) {
            over10.incrementAndGet();
        }
    }

    /** What has been seen so far. */
    ClientPauses seen() {
        return new ClientPauses(collector, count.get(), totalMs.get(), maxMs.get(), over10.get());
    }

    /** Stops watching; what was seen in the measured window. */
    ClientPauses stop() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone: nothing to remove
            }
        }
        return seen();
    }

    /** A collector's common name from its beans' names. */
    static String collectorOf(List<String> beans) {
        String all = String.join(",", beans);
        if (all.contains("ZGC Minor") || all.contains("ZGC Major")) {
            return "generational ZGC";
        }
        if (all.contains("ZGC")) {
            return "ZGC";
        }
        if (all.contains("G1")) {
            return "G1";
        }
        if (all.contains("Shenandoah")) {
            return "Shenandoah";
        }
        if (all.contains("PS ")) {
            return "Parallel";
        }
        if (all.contains("Copy") || all.contains("MarkSweepCompact")) {
            return "Serial";
        }
        return beans.isEmpty() ? "unknown" : all;
    }
}
