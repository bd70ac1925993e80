package io.llmload.cluster;

/**
 * A distributed run that cannot go on, with a message for the user: the agents did not all come
 * ({@code RUN_FAILED}), an agent could not run the scenario because of the scenario
 * ({@code USAGE}), or the user interrupted while agents were being gathered ({@code INTERRUPTED}).
 */
public final class ClusterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, for the exit code. */
    public enum Kind { USAGE, RUN_FAILED, INTERRUPTED }

    private final Kind kind;

    public ClusterFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
