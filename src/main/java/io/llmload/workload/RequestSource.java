package io.llmload.workload;

import io.vertx.core.buffer.Buffer;

/**
 * Supplies the body of each request. Thread contract: called from driver event loops
 * concurrently; implementations are immutable or thread-safe.
 */
public interface RequestSource {
    /** The body for the request with this per-run sequence number. */
    Buffer body(long sequence);
}
