package io.llmload.mock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stand-in for vLLM's automatic prefix caching, so the mock's {@code vllm:prefix_cache_*}
 * counters behave like a server's: a prompt's tokens are split into blocks of
 * {@value #BLOCK_TOKENS}; a block is a hit when the same prefix up to and including it was seen
 * before; counting stops at the first miss. Remembers a bounded number of blocks, least
 * recently used evicted first.
 *
 * <p>Thread contract: thread-safe (synchronized); shared by a server's verticles.
 */
final class MockPrefixCache {
    static final int BLOCK_TOKENS = 16;
    private static final int MAX_BLOCKS = 65_536;

    private final Map<Long, Boolean> blocks = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > MAX_BLOCKS;
        }
    };

    /** Looks the prompt up and remembers it; returns how many of its tokens were cached. */
    synchronized int lookup(int[] tokens, int length) {
        long hash = 1125899906842597L;
        int hits = 0;
        boolean missed = false;
        for (int end = BLOCK_TOKENS; end <= length; end += BLOCK_TOKENS) {
            for (int i = end - BLOCK_TOKENS; i < end; i++) {
                hash = 31 * hash + tokens[i];
            }
            if (blocks.put(hash, Boolean.TRUE) != null && !missed) {
                hits += BLOCK_TOKENS;
            } else {
                missed = true;
            }
        }
        return hits;
    }
}
