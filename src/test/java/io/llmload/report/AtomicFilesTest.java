package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader watching the report file never sees it half-written, and no temporary file stays behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aConcurrentReaderSeesOnlyWholeVersions() throws Exception {
        Path file = dir.resolve("report.json");
        String a = "{\"v\":\"" + "a".repeat(4 << 20) + "\"}";
        String b = "{\"v\":\"" + "b".repeat(3 << 20) + "\"}";
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = new ArrayList<>();
        int[] reads = {0};
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    String seen = Files.readString(file);
                    reads[0]++;
                    if (!seen.equals(a) && !seen.equals(b)) {
                        torn.add(seen.length() + " chars");
                    }
                } catch (NoSuchFileException notYet) {
                    // before the first rename there is no file at all, which is fine
                } catch (Exception e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 30; i++) {
            AtomicFiles.write(file, i % 2 == 0 ? a : b);
        }
        writing.set(false);
        reader.join();
        assertThat(torn).isEmpty();
        assertThat(reads[0]).as("the reader did look").isPositive();
        assertThat(Files.readString(file)).isEqualTo(b);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.json");
        }
    }
}
