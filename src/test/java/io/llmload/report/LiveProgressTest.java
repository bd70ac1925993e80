package io.llmload.report;

import static io.llmload.report.StatusLineTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveProgressTest {

    @Test
    void inLogsALineAtTheStartEveryTenSecondsAndAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new LiveProgress.Options(false, Ansi.OFF, 80, 0, 2));
        live.started("http://127.0.0.1:1/v1");
        for (int s = 1; s <= 25; s++) {
            live.tick(new ProgressSnapshot(snapshot(s, s <= 2, 10, 0, 640, 16, 150), 32));
        }
        live.draining("duration", 16);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(6);
        assertThat(lines[0]).isEqualTo("running against http://127.0.0.1:1/v1");
        assertThat(lines[1]).startsWith("[warmup 1s/32s] ");
        assertThat(lines[2]).startsWith("[ 34% 11s/32s] 10.00 req/s · errors 0 · ttft p50 150 p99 150 ms");
        assertThat(lines[3]).startsWith("[ 66% 21s/32s] ");
        assertThat(lines[4]).startsWith("[ 78% 25s/32s] ");
        assertThat(lines[5]).isEqualTo("stopped issuing (duration); waiting for 16 in-flight request(s)");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r").doesNotContain("\033");
    }

    @Test
    void onATerminalOneLineIsRewritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveProgress live = new LiveProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new LiveProgress.Options(true, new Ansi(true), 60, 100, 0));
        for (int s = 1; s <= 3; s++) {
            live.tick(new ProgressSnapshot(snapshot(s, false, 10, s == 2 ? 1 : 0, 640, 16, 150), 0));
        }
        live.draining("requests", 2);
        live.tick(new ProgressSnapshot(snapshot(4, false, 1, 0, 64, 1, 150), 0));
        live.finish();
        live.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.split("\r\033\\[2K", -1)).hasSize(5);
        assertThat(out).contains("\nstopped issuing (requests); waiting for 2 in-flight request(s)\n\r\033[2K\033[33mdraining 4s\033[0m");
        assertThat(out).endsWith("\n").contains("\033[31merrors 1 (+1)\033[0m").contains("31% 3s · 31/100 req · 10.00 req/s");
        for (String line : out.split("\r\033\\[2K|\n")) {
            if (line.startsWith("stopped issuing")) {
                continue;
            }
            assertThat(Ansi.strip(line).strip().length()).isLessThanOrEqualTo(59);
        }
    }
}
