package io.llmload.client;

import io.llmload.bench.OpenAiPayloads;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ChunkScanner} alone over the JSON of realistic token chunks (the {@code data:} payloads
 * of {@link OpenAiPayloads#sseStream}), and, for scale, the non-streaming ~600-byte completion.
 * One operation is one chunk (or one completion).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
public class ChunkScanBench {
    private static final int CHUNKS = 64;

    private final ChunkScanner scanner = new ChunkScanner();
    private byte[][] chunks;
    private byte[] completion;

    @Setup(Level.Trial)
    public void setUp() {
        String stream = new String(OpenAiPayloads.sseStream(CHUNKS, 42), StandardCharsets.UTF_8);
        String[] events = stream.split("\n\n");
        chunks = new byte[CHUNKS][];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = events[i + 1].substring("data: ".length()).getBytes(StandardCharsets.UTF_8); // skip the role chunk
        }
        completion = OpenAiPayloads.completion();
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public int tokenChunk() {
        int n = 0;
        for (byte[] c : chunks) {
            if (scanner.scan(c, 0, c.length) && scanner.carriesToken()) {
                n += scanner.contentEnd() - scanner.contentStart();
            }
        }
        return n;
    }

    @Benchmark
    public long completion() {
        return scanner.scan(completion, 0, completion.length) ? scanner.completionTokens() : -1;
    }
}
