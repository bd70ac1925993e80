package io.llmload.client;

import io.llmload.bench.OpenAiPayloads;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SSE parsing plus delta extraction on realistic OpenAI chunk events (250–330 bytes each,
 * {@link OpenAiPayloads}), fed the way the socket delivers them: one event per read
 * ({@code readBytes = 0}, a server flushing every token), a TCP segment's worth (1460) or a
 * large read (16384, several events per read and events split across reads).
 * One operation is one event; {@code -prof gc} gives {@code gc.alloc.rate.norm} in bytes per event.
 *
 * <ul>
 *   <li>{@code readPath}: what {@link Exchange} does per read and per event ({@link StreamReadPath}):
 *   copy out of the buffer, timestamp, SSE parse, {@code [DONE]} check, JSON scan, tally.</li>
 *   <li>{@code sseOnly}: the SSE framing alone (no JSON).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class SseChunkBench {
    /** Events in one 64-token answer: role, 64 tokens, finish, usage, [DONE]. */
    static final int EVENTS = 68;

    @Param({"0", "1460", "16384"})
    public int readBytes;

    private Buffer[] reads;
    private final StreamReadPath path = new StreamReadPath();
    private final SseParser parserOnly = new SseParser((data, length, error) -> { }, 1 << 20);
    private byte[] scratch = new byte[32 * 1024];

    @Setup(Level.Trial)
    public void setUp() {
        if (OpenAiPayloads.events(OpenAiPayloads.STREAM_TOKENS) != EVENTS) {
            throw new IllegalStateException("EVENTS must match OpenAiPayloads");
        }
        byte[] stream = OpenAiPayloads.sseStream(OpenAiPayloads.STREAM_TOKENS, 42);
        List<Buffer> list = new ArrayList<>();
        if (readBytes == 0) {
            int start = 0;
            for (int i = 0; i + 1 < stream.length; i++) {
                if (stream[i] == '\n' && stream[i + 1] == '\n') {
                    list.add(Buffer.buffer().appendBytes(stream, start, i + 2 - start));
                    start = i + 2;
                }
            }
        } else {
            for (int start = 0; start < stream.length; start += readBytes) {
                list.add(Buffer.buffer().appendBytes(stream, start, Math.min(readBytes, stream.length - start)));
            }
        }
        reads = list.toArray(new Buffer[0]);
        // Check the fixture once: the whole answer must come out as 64 tokens, usage and [DONE].
        int tokens = readPath();
        if (tokens != OpenAiPayloads.STREAM_TOKENS || path.events() != EVENTS || !path.sawDone()) {
            throw new IllegalStateException("fixture parsed to " + tokens + " tokens, " + path.events() + " events");
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int readPath() {
        path.startAnswer();
        for (Buffer b : reads) {
            path.read(b);
        }
        return path.contentChunks();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int sseOnly() {
        parserOnly.reset();
        int n = 0;
        for (Buffer b : reads) {
            int length = b.length();
            b.getBytes(0, length, scratch, 0);
            parserOnly.feed(scratch, 0, length);
            n += length;
        }
        return n;
    }
}
