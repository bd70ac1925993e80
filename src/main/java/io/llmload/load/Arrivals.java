package io.llmload.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Where an open-model driver's arrivals come from: a seeded schedule ({@link ScheduleArrivals})
 * or a trace file read as the run goes ({@link TraceArrivals}). Each driver has its own and takes
 * its share of the arrivals.
 *
 * <p>Thread contract: confined to the driver's event loop.
 */
interface Arrivals {
    /** Returned by {@link #next} when there are no more arrivals. */
    long END = Long.MAX_VALUE;
    /** Returned by {@link #next} while the next arrival is still being read. */
    long PENDING = Long.MIN_VALUE;

    /** Gets ready (opens a file, say); completes on the driver's event loop. */
    default Future<Void> open() {
        return Future.succeededFuture();
    }

    /**
     * The due time (absolute {@code System.nanoTime()}) of this driver's next arrival, {@link #END},
     * or {@link #PENDING}: then {@code ready} runs once on this event loop when it can be asked again.
     */
    long next(Runnable ready);

    /** The sequence number of the arrival last returned, or -1 to take the lane's next one. */
    long sequence();

    /** The request body the arrival last returned brings with it, or null for the workload's. */
    Buffer body();

    /** Stops reading; no further {@code ready} callbacks. */
    default void close() {
    }
}
