package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.result.Baseline;
import io.llmload.result.CheckResult;
import io.llmload.result.Point;
import io.llmload.result.RegressionCheck;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import io.llmload.text.Format;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML read back with the JDK's XML parser, and the Markdown summary, from reports built in the test. */
class CiOutputsTest {
    private static final Verdict FAIL = new Verdict("FAIL", 1, "FAIL: 1 of 2 check(s) failed, first: error_rate < 0.1% (measured 1.0%)");

    @TempDir
    Path tmp;

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static int count(Element e, String attribute) {
        return Integer.parseInt(e.getAttribute(attribute));
    }

    @Test
    void oneSuiteForARunWithOneTestcasePerCheckAndTheFailureSaysMeasuredAgainstLimit() throws Exception {
        Report r = TestReports.report(TestReports.spec());
        List<CheckResult> checks = r.summary().checks();
        long failing = checks.stream().filter(c -> !c.passed()).count();
        assertThat(failing).as("precondition: the sample report fails one check").isEqualTo(1);
        Document doc = parse(JunitReport.render(r, FAIL));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(count(root, "tests")).isEqualTo(checks.size());
        assertThat(count(root, "failures")).isEqualTo(1);
        assertThat(count(root, "errors")).isZero();
        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).hasSize(1);
        Element suite = suites.get(0);
        assertThat(suite.getAttribute("name")).isEqualTo("sample");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-03-04T05:06:07");
        assertThat(Double.parseDouble(suite.getAttribute("time"))).isEqualTo(r.run().durationS());
        List<Element> cases = elements(suite, "testcase");
        assertThat(cases).extracting(e -> e.getAttribute("name")).containsExactly("ttft.p99 < 800ms", "error_rate < 0.1%");
        assertThat(cases).extracting(e -> e.getAttribute("classname")).containsOnly("llmload.sample");
        assertThat(elements(cases.get(0), "failure")).isEmpty();
        Element failure = elements(cases.get(1), "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("measured " + Format.percent(r.summary().requests().errorRate()) + ", limit < 0.1%");
        assertThat(failure.getAttribute("type")).isEqualTo("threshold");
        assertThat(failure.getTextContent()).contains("check: error_rate < 0.1%").contains("limit: < 0.1%");
        assertThat(elements(suite, "property")).extracting(e -> e.getAttribute("name")).contains("target", "model", "stop_reason");
    }

    @Test
    void baselineChecksAreTestcasesAndASkippedOneIsSkipped() throws Exception {
        Report r = TestReports.report(TestReports.spec());
        Baseline b = new Baseline("last.json", "sample", "mock-llm", "2025-03-01T00:00:00Z", null, List.of(
                new RegressionCheck("ttft.p99", "10%", 150.0, 200.0, 33.3, RegressionCheck.FAILED, "150 → 200 ms (+33.3%): worse", "quantile_ci", "x"),
                new RegressionCheck("ttft.p999", "10%", 150.0, 160.0, 6.7, RegressionCheck.SKIPPED, "too few samples", "quantile_ci", null)));
        r = r.withBaseline(b, List.of(new CheckResult("ttft.p99 vs baseline (max +10%)", 200.0, false, "150 → 200 ms (+33.3%): worse"),
                new CheckResult("ttft.p999 vs baseline (max +10%)", 160.0, true, "too few samples", true)));
        Element root = parse(JunitReport.render(r, FAIL)).getDocumentElement();
        assertThat(count(root, "tests")).isEqualTo(4);
        assertThat(count(root, "failures")).isEqualTo(2);
        assertThat(count(root, "skipped")).isEqualTo(1);
        List<Element> cases = elements(root, "testcase");
        Element regression = cases.get(2);
        assertThat(elements(regression, "failure").get(0).getAttribute("type")).isEqualTo("regression");
        assertThat(elements(regression, "failure").get(0).getAttribute("message")).isEqualTo("measured 200 ms; 150 → 200 ms (+33.3%): worse");
        assertThat(elements(cases.get(3), "skipped").get(0).getAttribute("message")).contains("too few samples");
        assertThat(elements(cases.get(3), "failure")).isEmpty();
    }

    @Test
    void aSweepHasOneSuitePerPointAndTheTopLevelCopiesAreNotCountedTwice() throws Exception {
        List<Point> points = new ArrayList<>();
        List<CheckResult> top = new ArrayList<>();
        for (Point p : TestReports.sweep(1, 4, 16)) {
            Summary s = p.summary();
            boolean ok = s.latency("ttft").p99() < 200;
            CheckResult c = new CheckResult("ttft.p99 < 200ms", s.latency("ttft").p99(), ok, null);
            points.add(Records.copy(p, Map.of("summary", s.withChecks(List.of(c)))));
            top.add(new CheckResult("[" + Point.settingsLabel(p.settings()) + "] " + c.expr(), c.value(), c.passed(), null));
        }
        long failing = top.stream().filter(c -> !c.passed()).count();
        assertThat(failing).as("precondition: latency grows with concurrency past the limit").isBetween(1L, 2L);
        Report r = TestReports.report(TestReports.spec().withPoints(points));
        r = Records.copy(r, Map.of("summary", r.summary().withChecks(top)));
        Element root = parse(JunitReport.render(r, FAIL)).getDocumentElement();
        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).extracting(e -> e.getAttribute("name"))
                .containsExactly("sample [concurrency=1]", "sample [concurrency=4]", "sample [concurrency=16]");
        assertThat(count(root, "tests")).isEqualTo(3);
        assertThat(count(root, "failures")).isEqualTo((int) failing);
        assertThat(elements(suites.get(2), "testcase").get(0).getAttribute("classname")).isEqualTo("llmload.sample[concurrency=16]");
    }

    @Test
    void variantsGetASuiteEachAndTheRunItsOwnForBaselineChecks() throws Exception {
        List<VariantSummary> variants = new ArrayList<>();
        for (VariantSummary v : TestReports.variants("bf16", "fp8")) {
            variants.add(Records.copy(v, Map.of("summary", v.summary().withChecks(List.of(new CheckResult("error_rate < 5%", 0.0, true, null))))));
        }
        Report r = TestReports.report(TestReports.spec().withVariants(variants));
        r = Records.copy(r, Map.of("summary", r.summary().withChecks(List.of(new CheckResult("[bf16] error_rate < 5%", 0.0, true, null),
                new CheckResult("[fp8] error_rate < 5%", 0.0, true, null), new CheckResult("e2e.p50 vs baseline (max +10%)", 800.0, true, "ok")))));
        Element root = parse(JunitReport.render(r, new Verdict("PASS", 0, "PASS"))).getDocumentElement();
        assertThat(elements(root, "testsuite")).extracting(e -> e.getAttribute("name")).containsExactly("sample [bf16]", "sample [fp8]", "sample");
        assertThat(count(root, "tests")).isEqualTo(3);
        assertThat(count(root, "failures")).isZero();
    }

    @Test
    void aRunThatFailedIsAnErrorTestcaseAndHostileTextStaysWellFormed() throws Exception {
        Report r = TestReports.report(TestReports.spec().withName("odd \u0001 <name> & \"q\""));
        r = Records.copy(r, Map.of("summary", r.summary().withChecks(List.of(new CheckResult("e2e.p99 < 1s", null, false, "no samples of e2e\u0007")))));
        Verdict error = new Verdict("ERROR", 3, "ERROR: every request failed (40 so far); connection refused: 127.0.0.1:9 <&>");
        Element root = parse(JunitReport.render(r, error)).getDocumentElement();
        assertThat(count(root, "errors")).isEqualTo(1);
        assertThat(count(root, "tests")).isEqualTo(2);
        Element err = elements(root, "error").get(0);
        assertThat(err.getAttribute("message")).isEqualTo(error.line());
        assertThat(elements(root, "testsuite").get(0).getAttribute("name")).isEqualTo("odd ? <name> & \"q\"");
        assertThat(elements(root, "failure").get(0).getAttribute("message")).isEqualTo("no samples of e2e?");
    }

    @Test
    void aReportWithABaselineAndAnAbortReadsBackAsWritten() throws Exception {
        Report r = TestReports.report(TestReports.spec());
        Baseline b = new Baseline("last.json", "sample", "mock-llm", "2025-03-01T00:00:00Z", "the baseline differs: model a vs b", List.of(
                new RegressionCheck("ttft.p999", "10%", 150.0, 160.0, 6.7, RegressionCheck.SKIPPED, "too few samples", "quantile_ci", null)));
        r = r.withBaseline(b, List.of(new CheckResult("ttft.p999 vs baseline (max +10%)", 160.0, true, "too few samples", true)));
        r = r.withRun(r.run().withAbortedBy(new io.llmload.result.AbortInfo("error_rate < 1%", "fp8", 0.25, 120, 3.0)));
        Path file = tmp.resolve("r.json");
        ReportJson.write(r, file);
        Report back = ReportJson.read(file);
        assertThat(back.baseline()).isEqualTo(b);
        assertThat(back.run().abortedBy()).isEqualTo(r.run().abortedBy());
        assertThat(back.summary().checks()).isEqualTo(r.summary().checks());
        assertThat(back.summary().checks().get(2).wasSkipped()).isTrue();
        assertThat(Files.readString(file)).doesNotContain("was_skipped").contains("\"skipped\" : true");
        String html = HtmlReport.render(back);
        assertThat(html).contains("<section id=\"baseline\">").contains("Stopped early by the abort_on_fail threshold")
                .contains("– skipped").contains("the baseline differs: model a vs b");
        assertThat(ConsoleSummary.render(back)).contains("SKIP ttft.p999 vs baseline (max +10%)")
                .contains("baseline    last.json (sample, 2025-03-01 00:00:00 UTC): 0 regression(s), 1 skipped");
    }

    @Test
    void reportFilesWriteJunitAndMarkdownUnderTheirOwnNames() throws Exception {
        Report r = TestReports.report(TestReports.spec());
        List<Path> files = ReportFiles.write(r, tmp.resolve("run"), List.of("json", "junit", "md"), FAIL);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("report.json", "junit.xml", "summary.md");
        assertThat(parse(Files.readString(files.get(1))).getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(Files.readString(files.get(2))).startsWith("## ❌ llmload · sample · FAIL");
    }

    @Test
    void theMarkdownSummaryLeadsWithTheVerdictAndEscapesScenarioText() {
        Report r = TestReports.report(TestReports.spec().withName("nightly | " + TestReports.HOSTILE).withPoints(TestReports.sweep(1, 4)));
        String md = MarkdownSummary.render(r, FAIL);
        assertThat(md.lines().findFirst().orElseThrow()).startsWith("## ❌ llmload · nightly \\| ").endsWith(" · FAIL");
        assertThat(md).contains("**" + MarkdownSummary.text(FAIL.line()) + "**");
        assertThat(md).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;");
        assertThat(md).contains("| ✅ pass | `ttft.p99 < 800ms` |").contains("| ❌ **FAIL** | `error_rate < 0.1%` |");
        assertThat(md).contains("### Sweep points").contains("| concurrency=4 |");
        // every table row has as many cells as its header
        List<String> rows = md.lines().filter(l -> l.startsWith("|")).toList();
        for (String row : rows) {
            assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).as(row).isIn(5L, 8L, 7L, 9L);
        }
    }
}
