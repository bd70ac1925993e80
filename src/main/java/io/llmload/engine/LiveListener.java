package io.llmload.engine;

import io.llmload.client.ConnectionsOpened;
import io.llmload.load.RunListener;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.report.LiveProgress;
import io.llmload.report.ProgressSnapshot;

/**
 * Feeds a run's events to the live view as snapshots, so the renderer needs nothing of the load
 * driver. Called on the engine's event loop, like any {@link RunListener}.
 */
public final class LiveListener implements RunListener {
    private final LiveProgress live;

    public LiveListener(LiveProgress live) {
        this.live = live;
    }

    @Override
    public void started(String targetDescription) {
        live.started(targetDescription);
    }

    @Override
    public void connectionsOpened(ConnectionsOpened opened) {
        live.connectionsOpened(opened.count(), opened.medianMs(), opened.maxMs());
    }

    @Override
    public void tick(IntervalSnapshot interval, double plannedS) {
        live.tick(new ProgressSnapshot(interval, plannedS));
    }

    @Override
    public void draining(String reason, int inFlight) {
        live.draining(reason, inFlight);
    }
}
