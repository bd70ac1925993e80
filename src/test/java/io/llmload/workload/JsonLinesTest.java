package io.llmload.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesTest {
    private static List<String> lines(String text, int max) throws Exception {
        JsonLines lines = new JsonLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max, 0, 0);
        List<String> out = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            out.add(lines.lineNumber() + ":" + line);
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a\\nb\\n|1:a,2:b",
        "a\\nb|1:a,2:b",
        "a\\r\\nb\\r\\n|1:a,2:b",
        "\\n\\na\\n|1:,2:,3:a",
        "''|''",
    })
    void splitsLinesAsWritten(String text, String expected) throws Exception {
        String input = text.replace("\\n", "\n").replace("\\r", "\r");
        assertThat(String.join(",", lines(input, 100))).isEqualTo(expected);
    }

    @Test
    void aLineAtTheLimitIsReadAndOneByteMoreIsRefusedWithItsNumber() throws Exception {
        assertThat(lines("x\n" + "y".repeat(10) + "\n", 10)).containsExactly("1:x", "2:" + "y".repeat(10));
        assertThatThrownBy(() -> lines("x\n" + "y".repeat(11) + "\n", 10)).isInstanceOfSatisfying(JsonLines.BadLine.class,
                bad -> assertThat(bad.line()).isEqualTo(2));
    }

    @Test
    void aLineWithNoEndIsNotReadPastTheLimit() {
        // An endless stream of one byte: refused after the limit, never held whole.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        JsonLines lines = new JsonLines(endless, 1 << 20, 0, 0);
        assertThatThrownBy(lines::next).isInstanceOf(JsonLines.BadLine.class).hasMessageContaining("longer than 1 MiB");
    }
}
