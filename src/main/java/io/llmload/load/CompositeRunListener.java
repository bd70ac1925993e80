package io.llmload.load;

import io.llmload.client.ConnectionsOpened;
import io.llmload.metrics.IntervalSnapshot;
import java.util.List;

/** Several {@link RunListener}s as one, called in order (the console view and the meters, say). */
public final class CompositeRunListener implements RunListener {
    private final List<RunListener> listeners;

    public CompositeRunListener(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** One listener stays itself; none becomes {@link RunListener#NONE}. */
    public static RunListener of(RunListener... listeners) {
        List<RunListener> list = List.of(listeners).stream().filter(l -> l != RunListener.NONE).toList();
        return list.isEmpty() ? RunListener.NONE : list.size() == 1 ? list.get(0) : new CompositeRunListener(list);
    }

    @Override
    public void targetReady(String baseUrl) {
        listeners.forEach(l -> l.targetReady(baseUrl));
    }

    @Override
    public void started(String targetDescription) {
        listeners.forEach(l -> l.started(targetDescription));
    }

    @Override
    public void connectionsOpened(ConnectionsOpened opened) {
        listeners.forEach(l -> l.connectionsOpened(opened));
    }

    @Override
    public void tick(IntervalSnapshot interval, double plannedS) {
        listeners.forEach(l -> l.tick(interval, plannedS));
    }

    @Override
    public void draining(String reason, int inFlight) {
        listeners.forEach(l -> l.draining(reason, inFlight));
    }

    @Override
    public void finished() {
        listeners.forEach(RunListener::finished);
    }
}
