package io.llmload.workload;

import io.vertx.core.buffer.Buffer;

/**
 * Supplies the body of each request, or through {@link #forUser} the requests of each simulated
 * user. Thread contract: called from driver event loops concurrently; implementations are
 * immutable or thread-safe, and {@link #body} is cheap (no I/O, no tokenizing: anything
 * expensive is prepared when the source is built).
 */
public interface RequestSource {
    /** The body for the request with this per-run sequence number (the same sequence gives the same body). */
    Buffer body(long sequence);

    /** Prompt tokens handed out so far under the workload's tokenizer, or null when not counted. */
    default InputTokenTally inputTokens() {
        return null;
    }

    /** What the bodies handed out so far carried besides text (images, audio, tools), or null when not counted. */
    default SentInputs sentInputs() {
        return null;
    }

    /**
     * The state of one simulated user ({@code user} numbers them within a driver or lane). Stateless
     * sources hand out independent requests; conversations keep a history per user.
     */
    default UserWorkload forUser(int user) {
        return UserWorkload.stateless(this);
    }

    /** The most turns a conversation can have, or 0 when requests are not conversations. */
    default int maxTurns() {
        return 0;
    }

    /** One line for the console: what this workload sends. */
    default String description() {
        return "fixed messages";
    }
}
