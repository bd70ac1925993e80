package io.llmload.client;

import io.vertx.core.buffer.Buffer;

/**
 * What {@link Exchange} does with the bytes of a streamed answer, without the network: copy each
 * read out of its buffer, timestamp it, feed the {@link SseParser}, and for every event check for
 * {@code [DONE]}, scan the chunk with {@link ChunkScanner} and count it in an {@link AnswerTally}
 * (first-token time, inter-token gaps, raw content, usage, finish reason). The JMH benchmark
 * ({@code src/jmh}) measures this path and {@code StreamReadPathTest} checks it, so both use the
 * production classes; only this glue mirrors {@code Exchange.onStreamBytes}/{@code onEvent}.
 *
 * <p>Thread contract: one instance per thread.
 */
public final class StreamReadPath implements SseParser.Listener {
    private final SseParser parser = new SseParser(this, ClientConfig.eventLimit(64L << 20));
    private final ChunkScanner scanner = new ChunkScanner();
    private final AnswerTally tally = new AnswerTally();
    private byte[] scratch = new byte[16 * 1024];
    private long arrivalNanos;

    /** Forgets the previous answer, as a new attempt does. */
    public void startAnswer() {
        parser.reset();
        tally.reset();
    }

    /** One read from the socket. */
    public void read(Buffer buffer) {
        arrivalNanos = System.nanoTime();
        int length = buffer.length();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.getBytes(0, length, scratch, 0);
        parser.feed(scratch, 0, length);
    }

    @Override
    public void onEvent(byte[] data, int length, boolean errorEvent) {
        tally.events++;
        if (ExchangeText.isDone(data, length)) {
            tally.done(arrivalNanos);
            return;
        }
        if (!scanner.scan(data, 0, length) || errorEvent || scanner.hasError()) {
            throw new IllegalStateException("not a valid chunk: " + ExchangeText.sample(data, 0, length));
        }
        tally.chunk(scanner, arrivalNanos, data);
    }

    public int events() {
        return tally.events;
    }

    public int contentChunks() {
        return tally.contentChunks;
    }

    public long usageCompletionTokens() {
        return tally.usageCompletion;
    }

    public boolean sawDone() {
        return tally.doneNanos != 0;
    }

    public int gaps() {
        return tally.itl.size();
    }

    public ContentBuffer content() {
        return tally.content;
    }

    public String finishReason() {
        return tally.finishReason;
    }
}
