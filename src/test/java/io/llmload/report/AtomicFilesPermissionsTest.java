package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesPermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheWholeFileReadableByOthersAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("deep").resolve("report.html");
        AtomicFiles.write(file, "first");
        AtomicFiles.write(file, "second é");
        assertThat(Files.readString(file)).isEqualTo("second é");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        }
    }
}
