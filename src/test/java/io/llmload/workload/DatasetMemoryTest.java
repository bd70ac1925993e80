package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.DatasetSpec;
import io.llmload.testkit.ForkedJvm;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large dataset files are streamed: a file more than twice the heap limit of a forked JVM loads
 * there, which it could not if the file (or every entry) were held in memory.
 */
class DatasetMemoryTest {
    private static final int HEAP_MB = 64;
    private static final int FILE_MB = 150;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {DatasetSpec.OPENAI, DatasetSpec.SHAREGPT})
    void aFileFarLargerThanTheHeapLoadsIntoABoundedPool(String format) throws Exception {
        Path file = tmp.resolve("big-" + format + ".json");
        long entries = write(file, format);
        assertThat(Files.size(file)).isGreaterThan((long) FILE_MB << 20);
        ForkedJvm.Outcome o = ForkedJvm.run(tmp, HEAP_MB, 120, DatasetLoadMain.class, file.toString(), format, "500");
        assertThat(o.ended()).as(o.output()).isTrue();
        assertThat(o.exitCode()).as(o.output()).isZero();
        assertThat(o.output()).as(entries + " entries").contains("pool 500");
    }

    /** Writes a file of FILE_MB or a little more: JSONL for openai, one JSON array for sharegpt. */
    private static long write(Path file, String format) throws IOException {
        String filler = "lorem ipsum dolor sit amet ".repeat(40);
        long entries = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            boolean sharegpt = format.equals(DatasetSpec.SHAREGPT);
            if (sharegpt) {
                w.write("[\n");
            }
            long written = 0;
            while (written < ((long) FILE_MB << 20) + 1024) {
                String line = sharegpt
                        ? (entries > 0 ? "," : "") + "{\"conversations\": [{\"from\": \"human\", \"value\": \"" + entries + " " + filler
                            + "\"}, {\"from\": \"gpt\", \"value\": \"" + filler + "\"}]}\n"
                        : "{\"messages\": [{\"role\": \"user\", \"content\": \"" + entries + " " + filler + "\"}, {\"role\": \"assistant\", \"content\": \""
                            + filler + "\"}]}\n";
                w.write(line);
                written += line.length();
                entries++;
            }
            if (sharegpt) {
                w.write("]\n");
            }
        }
        return entries;
    }
}
