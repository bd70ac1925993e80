package io.llmload.record;

/**
 * Where a run hands the record of each ended request. Thread contract: {@link #accept} and
 * {@link #nextId} are called from the drivers' event loops and never block.
 */
public interface RequestSink {
    /** Records nothing (no report directory, a cluster agent, a test). */
    RequestSink NONE = new RequestSink() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void accept(RequestRecord r) {
        }
    };

    /** False when records are not kept: the drivers then build none. */
    default boolean active() {
        return true;
    }

    /** Whether records carry their token arrival gaps ({@code report.record_tokens}). */
    default boolean recordTokens() {
        return false;
    }

    /** What the requests of this run share. */
    default RunTags tags() {
        return RunTags.SINGLE;
    }

    /** The id of the next record (unique in the file). */
    default long nextId() {
        return 0;
    }

    /** Takes one record without blocking; when the writer has fallen far behind it is counted as dropped instead. */
    void accept(RequestRecord r);

    /** {@code n} records were dropped before they reached this sink (by an agent whose buffer was full): counted as dropped. */
    default void droppedBefore(long n) {
    }
}
