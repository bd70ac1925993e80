package io.llmload.load;

import io.llmload.client.ConnectionsOpened;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.result.Summary;
import java.util.function.IntFunction;

/**
 * Observes a run as it goes (the live console view, the Prometheus meters). Called from the
 * engine's event loop: return quickly. Several listeners combine with {@link CompositeRunListener}.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** The target's base URL is known (for the embedded mock: once it listens); called before {@link #started}. */
    default void targetReady(String baseUrl) {
    }

    /** The drivers are being deployed; {@code targetDescription} says where they will send. */
    default void started(String targetDescription) {
    }

    /**
     * Every driver has opened its first connections (their connect times kept out of the first
     * requests) and the clock starts now; called after {@link #started}.
     */
    default void connectionsOpened(ConnectionsOpened opened) {
    }

    /**
     * About a second has passed; {@code interval} covers it. {@code plannedS} is the planned run length, 0 if unknown.
     * The run's last, shorter interval is delivered too, when the run ends.
     */
    default void tick(IntervalSnapshot interval, double plannedS) {
    }

    /**
     * Right after {@link #tick} while requests are still being issued: may the run go on?
     * {@code soFar} gives the measured results so far of lane {@code l} (in plan order; -1 for the
     * whole run), computed only when asked. Returning true stops issuing now with stop reason
     * {@link RunEngine#THRESHOLD_STOP} (an abort_on_fail threshold that can no longer pass).
     */
    default boolean stopNow(IntFunction<Summary> soFar) {
        return false;
    }

    /** Issuing has stopped for {@code reason}; in-flight requests are draining. */
    default void draining(String reason, int inFlight) {
    }

    /** The last request has ended and the final interval was delivered; the target (an embedded mock) is about to stop. */
    default void finished() {
    }
}
