package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.LabeledReport;
import io.llmload.result.Report;
import io.llmload.stats.ReportComparison;
import io.llmload.text.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTextTest {

    @Test
    void theConsoleTableShowsValuesDeltasAndTheVerdict() {
        Report a = TestReports.withThroughput(TestReports.report(TestReports.spec()), 10, 1000);
        Report b = TestReports.withThroughput(TestReports.report(TestReports.spec().withTtft(190)), 10, 900);
        ReportComparison c = ReportComparison.of(List.of(new LabeledReport("base", a), new LabeledReport("new", b)), 5);
        String text = ComparisonText.render(c, List.of("a.json", "b.json"), Ansi.OFF);
        double base = a.summary().latency("ttft").p99();
        double now = b.summary().latency("ttft").p99();
        String pct = String.format(java.util.Locale.ROOT, "%+.1f%%", (now - base) / base * 100);
        assertThat(text).contains("  #1  base · sample · model mock-llm").contains("       b.json");
        assertThat(text.lines().filter(l -> l.startsWith("  ttft p99 (ms)")).findFirst().orElseThrow().trim().split("\\s{2,}"))
                .containsExactly("ttft p99 (ms)", Format.ms(base), Format.ms(now), "+" + Format.ms(now - base), pct, "worse");
        assertThat(text.lines().filter(l -> l.startsWith("  output tokens/s")).findFirst().orElseThrow())
                .contains("1,000").contains("900").contains("-100").contains("-10.0%").endsWith("worse");
        assertThat(text).endsWith("\n").contains("REGRESSION: 8 value(s) worse beyond noise against #1: #2 output tokens/s -10.0% (1,000 → 900/s); #2 total tokens/s");
        assertThat(text).doesNotContain("\033[");
        String coloured = ComparisonText.render(c, List.of(), new Ansi(true));
        assertThat(coloured).contains("\033[31m").contains("\033[31mREGRESSION\033[0m");
        assertThat(Ansi.strip(coloured)).isEqualTo(ComparisonText.render(c, List.of(), Ansi.OFF));
    }
}
