package io.llmload.report;

import io.llmload.metrics.IntervalSnapshot;

/**
 * What the live view is fed about once a second by whoever runs the run: the interval just
 * measured and the planned run length. A value, so the view needs nothing of the load driver.
 *
 * @param plannedS the planned run length in seconds (warmup included), 0 when unknown
 */
public record ProgressSnapshot(IntervalSnapshot interval, double plannedS) {
}
