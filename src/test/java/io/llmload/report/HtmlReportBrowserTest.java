package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.LabeledReport;
import io.llmload.result.Report;
import io.llmload.stats.ReportComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report and compare pages in a real headless Chromium, opened from disk (file://, no
 * network): every chart draws on a non-empty canvas, nothing is logged as an error, injected
 * server text does not run, and the layout holds with very long names. Screenshots go to
 * {@code target/browser/} for a human look.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "browser");
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theReportDrawsEveryChartWithoutErrorsAndRunsNoInjectedScript() throws IOException {
        String longModel = "meta-llama/" + "Llama-3.1-405B-Instruct-FP8-dynamic-".repeat(6) + TestReports.HOSTILE;
        Report r = TestReports.report(TestReports.spec().withName("quickstart " + TestReports.HOSTILE).withModel(longModel)
                .withErrorSample(TestReports.HOSTILE).withPoints(TestReports.sweep(1, 2, 4, 8, 16, 32))
                .withVariants(TestReports.variants("bf16", "fp8 " + TestReports.HOSTILE)));
        Path file = OUT.resolve("report.html");
        HtmlReport.write(r, file);
        int boxes = countCharts(file);
        assertThat(boxes).isEqualTo(13); // 5 distributions, 6 time series, 2 sweep curves

        browser.open(file);
        assertRendered(boxes);
        assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.script("return document.querySelector('h1').textContent")).isEqualTo("quickstart " + TestReports.HOSTILE);
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).as("no horizontal overflow").isEqualTo(true);
        browser.screenshot(OUT.resolve("report-light.png"));

        browser.colorScheme("dark");
        assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(13, 17, 23)");
        assertRendered(boxes);
        browser.screenshot(OUT.resolve("report-dark.png"));
        browser.colorScheme("light");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theComparePageOverlaysTheRuns() throws IOException {
        List<LabeledReport> runs = List.of(new LabeledReport("baseline", TestReports.report(TestReports.spec().withPoints(TestReports.sweep(1, 4, 16)))),
                new LabeledReport("candidate " + TestReports.HOSTILE, TestReports.report(TestReports.spec().withSeed(2).withTtft(190)
                        .withPoints(TestReports.sweep(1, 4, 16)))));
        Path file = OUT.resolve("compare.html");
        CompareHtml.write(ReportComparison.of(runs, 5), List.of("a/report.json", "b/report.json"), file);
        int boxes = countCharts(file);
        browser.open(file);
        assertRendered(boxes);
        assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
        // Two runs in every legend: one series each (two for p50/p99 charts).
        Number legendRows = (Number) browser.script("return document.querySelector('[data-chart=\"dist-ttft\"] .u-legend').querySelectorAll('tr.u-series').length");
        assertThat(legendRows.intValue()).isEqualTo(3); // the x value and two runs
        browser.screenshot(OUT.resolve("compare-light.png"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static void assertRendered(int boxes) {
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
        assertThat(browser.script("return document.documentElement.getAttribute('data-charts')")).isEqualTo(String.valueOf(boxes));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> canvases = (List<Map<String, Object>>) browser.script(
                "return Array.from(document.querySelectorAll('[data-chart]')).map(b => { const c = b.querySelector('canvas');"
                        + " return {id: b.dataset.chart, w: c ? c.getBoundingClientRect().width : 0, h: c ? c.getBoundingClientRect().height : 0,"
                        + " ink: c ? ink(c) : 0}; });"
                        + " function ink(c) { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }");
        assertThat(canvases).hasSize(boxes);
        for (Map<String, Object> c : canvases) {
            assertThat(((Number) c.get("w")).doubleValue()).as("width of %s", c.get("id")).isGreaterThan(150);
            assertThat(((Number) c.get("h")).doubleValue()).as("height of %s", c.get("id")).isGreaterThan(100);
            assertThat(((Number) c.get("ink")).longValue()).as("drawn pixels of %s", c.get("id")).isGreaterThan(1000);
        }
    }

    private static int countCharts(Path file) throws IOException {
        return org.jsoup.Jsoup.parse(Files.readString(file)).select("[data-chart]").size();
    }
}
