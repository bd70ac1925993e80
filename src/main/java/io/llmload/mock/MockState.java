package io.llmload.mock;

/**
 * What a mock server's verticles share: the batch limit's queue, the prefix cache and the
 * metrics. Each part is thread-safe on its own.
 */
record MockState(MockScheduler scheduler, MockPrefixCache prefixCache, MockMetrics metrics) {

    static MockState create(MockConfig config) {
        MockScheduler scheduler = new MockScheduler(config.maxRunning());
        return new MockState(scheduler, new MockPrefixCache(), new MockMetrics(scheduler::running, scheduler::waiting,
                scheduler::usage));
    }
}
