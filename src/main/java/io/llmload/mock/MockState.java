package io.llmload.mock;

/**
 * What a mock server's verticles share: the capacity model's queue, the prefix cache and the
 * metrics. Each part is thread-safe on its own.
 */
record MockState(BatchScheduler scheduler, MockPrefixCache prefixCache, MockMetrics metrics) {

    static MockState create(MockConfig config) {
        BatchScheduler scheduler = new BatchScheduler(config.maxBatch(), config.itlPerSequence());
        return new MockState(scheduler, new MockPrefixCache(), new MockMetrics(scheduler::running, scheduler::waiting,
                scheduler::usage));
    }
}
