package io.llmload.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} items from a stream of unknown length
 * (Vitter's algorithm R), reproducible from its seed: it holds every item while fewer than
 * {@code capacity} have been offered, then keeps each new one with probability capacity / seen.
 * Memory is bounded by {@code capacity} whatever the stream's length.
 *
 * <p>Thread contract: single-threaded.
 */
final class Reservoir<T> {
    private final int capacity;
    private final SplittableRandom random;
    private final List<T> items;
    private long seen;

    Reservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
        this.items = new ArrayList<>(Math.min(capacity, 1024));
    }

    void offer(T item) {
        seen++;
        if (items.size() < capacity) {
            items.add(item);
            return;
        }
        long slot = random.nextLong(seen);
        if (slot < capacity) {
            items.set((int) slot, item);
        }
    }

    /** Items offered so far. */
    long seen() {
        return seen;
    }

    /** The sample; never more than the capacity. */
    List<T> items() {
        return items;
    }

    int capacity() {
        return capacity;
    }
}
