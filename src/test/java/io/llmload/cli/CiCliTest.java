package io.llmload.cli;

import static io.llmload.cli.CliTest.llmload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmload.cli.CliTest.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI gate end to end through {@link Main#execute} against the built-in mock: exit codes with
 * the console's last line saying why, abort_on_fail, baselines, JUnit XML and the Markdown
 * summary (also appended to GITHUB_STEP_SUMMARY).
 */
@Isolated("its gates compare measured latencies with a baseline and its allowance: nothing else may run beside it")
class CiCliTest {
    private static final String FAST = """
            name: ci-e2e
            target: {url: embedded, model: mock-llm}
            request: {stream: true, max_tokens: 16}
            load: {concurrency: 4, requests: 40, warmup: 0s}
            mock: {ttft: 20ms, itl: 2ms, output_tokens: 16}
            """;

    @TempDir
    Path tmp;

    private Path scenario(String name, String yaml) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String lastLine(Outcome o) {
        List<String> lines = o.out().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static Element junit(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file))).getDocumentElement();
    }

    private static Element first(Element e, String tag) {
        NodeList list = e.getElementsByTagName(tag);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    @Test
    void aPassingRunExitsZeroWritesJunitAndMarkdownAndAppendsToTheStepSummary() throws Exception {
        Path out = tmp.resolve("pass");
        Path step = tmp.resolve("step-summary.md");
        Files.writeString(step, "# an earlier step\n");
        Outcome o = llmload(Map.of("GITHUB_STEP_SUMMARY", step.toString()), "run",
                scenario("pass", FAST + "thresholds: ['ttft.p99 < 5s', {expr: 'error_rate < 1%', abort_on_fail: true}]\n").toString(),
                "--out", out.toString(), "--format", "json,junit,md", "--quiet");
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(lastLine(o)).isEqualTo("PASS: all 2 check(s) passed");
        assertThat(o.out()).contains("report: " + out.resolve("junit.xml")).contains("report: " + out.resolve("summary.md"));
        Element root = junit(out.resolve("junit.xml"));
        assertThat(root.getAttribute("tests")).isEqualTo("2");
        assertThat(root.getAttribute("failures")).isEqualTo("0");
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).startsWith("## ✅ llmload · ci-e2e · PASS").contains("**PASS: all 2 check(s) passed**");
        assertThat(Files.readString(step)).startsWith("# an earlier step\n").contains(md);
        assertThat(json(out.resolve("report.json")).at("/run/stop_reason").asText()).isEqualTo("requests");
    }

    @Test
    void aSlowFirstTokenFailsItsThresholdWithExitOne() throws Exception {
        Path out = tmp.resolve("slow");
        Outcome o = llmload("run", scenario("slow", FAST.replace("ttft: 20ms", "ttft: 300ms").replace("requests: 40", "requests: 8")).toString(),
                "--threshold", "ttft.p99 < 100ms", "--out", out.toString(), "--format", "json,junit", "--quiet");
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        double p99 = json(out.resolve("report.json")).at("/summary/latency_ms/ttft/p99").asDouble();
        assertThat(p99).isGreaterThanOrEqualTo(300);
        assertThat(lastLine(o)).startsWith("FAIL: 1 of 1 check(s) failed, first: ttft.p99 < 100ms (measured ");
        Element failure = first(junit(out.resolve("junit.xml")), "failure");
        assertThat(failure.getAttribute("message")).matches("measured [0-9,.]+ ms, limit < 100ms");
    }

    @Test
    void badExpressionsAllowancesAndBaselinesExitTwoBeforeAnythingRuns() throws IOException {
        Path fast = scenario("fast", FAST);
        Outcome expr = llmload("run", fast.toString(), "--threshold", "ttft.p99 < 100kg");
        assertThat(expr.code()).isEqualTo(2);
        assertThat(expr.err()).contains("unit 'kg' does not fit a latency").endsWith("1 problem; nothing was run.\n");

        Path percentile = scenario("abort", FAST + "thresholds:\n  - {expr: \"ttft.p99 < 1s\", abort_on_fail: true}\n");
        Outcome abort = llmload("run", percentile.toString());
        assertThat(abort.code()).isEqualTo(2);
        assertThat(abort.err()).contains(percentile + ":7:12: thresholds[0]: 'ttft.p99 < 1s' cannot stop a run early: a percentile");

        Path typo = scenario("typo", FAST + "thresholds:\n  - {expr: \"ttft.max < 800kg\", abort_on_failure: true}\n");
        Outcome typos = llmload("validate", typo.toString());
        assertThat(typos.code()).isEqualTo(2);
        assertThat(typos.err()).contains(typo + ":7:32: thresholds[0].abort_on_failure: unknown key 'abort_on_failure' (did you mean "
                + "'abort_on_fail'?)");
        Path unit = scenario("unit", FAST + "thresholds:\n  - {expr: \"ttft.max < 800kg\", abort_on_fail: true}\n");
        assertThat(llmload("validate", unit.toString()).err())
                .contains(unit + ":7:27: thresholds[0]: unit 'kg' does not fit a latency");

        Path stray = scenario("stray", FAST + "thresholds:\n  - {expr: \"error_rate < 1%\", min_requests: 5}\n");
        assertThat(llmload("validate", stray.toString()).err()).contains("min_requests only applies with abort_on_fail: true");

        Outcome allowance = llmload("run", fast.toString(), "--baseline", fast.toString(), "--max-regression", "ttft.p99=10");
        assertThat(allowance.code()).isEqualTo(2);
        assertThat(allowance.err()).isEqualTo("error: --max-regression 'ttft.p99=10' column 10: the allowance needs a unit: 10% "
                + "(relative) or 50ms\n");

        Outcome missing = llmload("run", fast.toString(), "--baseline", tmp.resolve("last.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("report not found: " + tmp.resolve("last.json"));

        Outcome notAReport = llmload("run", fast.toString(), "--baseline", fast.toString());
        assertThat(notAReport.code()).isEqualTo(2);
        assertThat(notAReport.err()).contains("is not valid JSON");

        assertThat(llmload("run", fast.toString(), "--max-regression", "ttft.p99=10%").err())
                .contains("--max-regression needs --baseline");
        assertThat(llmload("run", fast.toString(), "--format", "json,xml").code()).isEqualTo(2);
    }

    @Test
    void abortOnFailStopsARunThatCanNoLongerPass() throws Exception {
        Path out = tmp.resolve("abort");
        Path file = scenario("faulty", """
                name: faulty
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 16}
                load: {concurrency: 4, duration: 60s, warmup: 0s}
                mock: {ttft: 20ms, itl: 2ms, output_tokens: 16, faults: {http_500: 0.5}}
                thresholds:
                  - "ttft.p99 < 10s"
                  - {expr: "error_rate < 10%", abort_on_fail: true, min_requests: 20}
                """);
        long start = System.nanoTime();
        Outcome o = llmload("run", file.toString(), "--out", out.toString(), "--format", "json,junit,md");
        double elapsedS = (System.nanoTime() - start) / 1e9;
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        assertThat(elapsedS).as("stopped long before its 60 s").isLessThan(30);
        assertThat(lastLine(o)).startsWith("FAIL: stopped early by abort_on_fail: 'error_rate < 10%' can no longer pass: measured ");
        assertThat(o.err()).contains("stopped early (abort_on_fail): 'error_rate < 10%'");
        assertThat(o.out()).contains("stopped: threshold (error_rate < 10%, abort_on_fail)");
        JsonNode report = json(out.resolve("report.json"));
        assertThat(report.at("/run/stop_reason").asText()).isEqualTo("threshold");
        assertThat(report.at("/run/aborted_by/expr").asText()).isEqualTo("error_rate < 10%");
        assertThat(report.at("/run/aborted_by/requests").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(report.at("/run/aborted_by/value").asDouble()).isGreaterThanOrEqualTo(0.1);
        assertThat(report.at("/run/duration_s").asDouble()).isLessThan(30);
        assertThat(report.at("/summary/checks/1/passed").asBoolean()).isFalse();
        assertThat(report.at("/summary/checks/1/detail").asText()).startsWith("stopped the run (abort_on_fail): measured ");
        assertThat(report.at("/summary/checks/0/passed").asBoolean()).isTrue();
        Element root = junit(out.resolve("junit.xml"));
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(first(root, "failure").getAttribute("message")).contains("stopped the run (abort_on_fail)");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("stopped: threshold by `error_rate < 10%`");
    }

    @Test
    void anInterleavedVariantIsStoppedByItsOwnAbortThresholdOnItsOwnRequests() throws Exception {
        Path out = tmp.resolve("variants");
        Path file = scenario("variants", """
                name: variants-abort
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 16}
                load: {concurrency: 4, duration: 60s, warmup: 0s}
                mock: {ttft: 20ms, itl: 2ms, output_tokens: 16}
                variants:
                  order: interleaved
                  slice: 1s
                  list:
                    - {name: healthy, thresholds: [{expr: "error_rate < 10%", abort_on_fail: true, min_requests: 20}]}
                    - name: broken
                      set: {mock.faults: {http_500: 0.6}}
                      thresholds: [{expr: "error_rate < 10%", abort_on_fail: true, min_requests: 20}]
                """);
        Outcome o = llmload("run", file.toString(), "--out", out.toString(), "--quiet", "--format", "json,junit");
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        assertThat(lastLine(o)).startsWith("FAIL: stopped early by abort_on_fail: 'error_rate < 10%' [broken] can no longer pass");
        JsonNode report = json(out.resolve("report.json"));
        assertThat(report.at("/run/aborted_by/scope").asText()).isEqualTo("broken");
        assertThat(report.at("/run/duration_s").asDouble()).isLessThan(30);
        assertThat(report.at("/variants/0/summary/checks/0/passed").asBoolean()).as("the healthy variant passes").isTrue();
        assertThat(report.at("/variants/1/summary/checks/0/passed").asBoolean()).isFalse();
        Element root = junit(out.resolve("junit.xml"));
        assertThat(root.getAttribute("tests")).isEqualTo("2");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void anAbortInASweepStopsTheSweep() throws Exception {
        Path out = tmp.resolve("sweep");
        Path file = scenario("sweep", FAST.replace("requests: 40", "duration: 60s") + """
                sweep: {concurrency: [2, 4, 8]}
                thresholds: [{expr: "ttft.max < 1ms", abort_on_fail: true}]
                """);
        Outcome o = llmload("run", file.toString(), "--out", out.toString(), "--quiet", "--format", "json,junit");
        assertThat(o.code()).as(o.all()).isEqualTo(1);
        assertThat(lastLine(o)).startsWith("FAIL: stopped early by abort_on_fail: 'ttft.max < 1ms' [concurrency=2] can no longer pass");
        JsonNode report = json(out.resolve("report.json"));
        assertThat(report.at("/points").size()).as("no point after the abort runs").isEqualTo(1);
        assertThat(report.at("/summary/checks/0/expr").asText()).isEqualTo("[concurrency=2] ttft.max < 1ms");
        assertThat(junit(out.resolve("junit.xml")).getElementsByTagName("testsuite").getLength()).isEqualTo(1);
    }

    @Test
    void aBaselineFailsTheRunOnlyWhenAMetricGotWorseBeyondItsAllowanceAndTheNoise() throws Exception {
        Path file = scenario("base", FAST.replace("requests: 40", "requests: 60"));
        Path first = tmp.resolve("first");
        Outcome a = llmload("run", file.toString(), "--out", first.toString(), "--quiet", "--format", "json");
        assertThat(a.code()).as(a.all()).isZero();
        Path baseline = first.resolve("report.json");

        Path same = tmp.resolve("same");
        Outcome b = llmload("run", file.toString(), "--out", same.toString(), "--quiet", "--format", "json,md", "--baseline", baseline.toString(),
                "--max-regression", "ttft.p50=50%,error_rate=1pp");
        assertThat(b.code()).as(b.all()).isZero();
        assertThat(lastLine(b)).isEqualTo("PASS: all 2 check(s) passed");
        JsonNode sameReport = json(same.resolve("report.json"));
        assertThat(sameReport.at("/baseline/file").asText()).isEqualTo(baseline.toString());
        assertThat(sameReport.at("/baseline/checks/0/metric").asText()).isEqualTo("ttft.p50");
        assertThat(sameReport.at("/baseline/checks/0/method").asText()).isEqualTo("quantile_ci");
        assertThat(sameReport.at("/summary/checks/0/expr").asText()).isEqualTo("ttft.p50 vs baseline (max +50%)");
        assertThat(Files.readString(same.resolve("summary.md"))).contains("### Baseline").contains("| `ttft.p50` |");

        Path slower = tmp.resolve("slower");
        Outcome c = llmload("run", file.toString(), "--out", slower.toString(), "--quiet", "--format", "json,junit", "--set", "mock.ttft=80ms",
                "--baseline", first.toString(), "--max-regression", "ttft.p50=50%,error_rate=1pp");
        assertThat(c.code()).as(c.all()).isEqualTo(1);
        assertThat(lastLine(c)).startsWith("FAIL: 1 of 2 check(s) failed, first: ttft.p50 vs baseline (max +50%) (measured ");
        JsonNode slowerReport = json(slower.resolve("report.json"));
        assertThat(slowerReport.at("/baseline/checks/0/status").asText()).isEqualTo("failed");
        assertThat(slowerReport.at("/baseline/checks/0/reason").asText()).contains("beyond noise");
        assertThat(slowerReport.at("/baseline/checks/0/change_pct").asDouble()).isGreaterThan(100);
        Element failure = first(junit(slower.resolve("junit.xml")), "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("regression");

        // p99 needs hundreds of samples: with 60 it is skipped, and the verdict says so
        Outcome skip = llmload("run", file.toString(), "--out", tmp.resolve("skip").toString(), "--quiet", "--format", "json",
                "--baseline", baseline.toString(), "--max-regression", "ttft.p99=10%");
        assertThat(skip.code()).as(skip.all()).isZero();
        assertThat(lastLine(skip)).isEqualTo("PASS: 0 of 1 check(s) passed · 1 check(s) skipped (too few samples to judge against the baseline)");
        assertThat(json(tmp.resolve("skip").resolve("report.json")).at("/summary/checks/0/skipped").asBoolean()).isTrue();

        Outcome optional = llmload("run", file.toString(), "--out", tmp.resolve("opt").toString(), "--quiet", "--format", "json",
                "--baseline", tmp.resolve("none.json").toString(), "--baseline-optional");
        assertThat(optional.code()).as(optional.all()).isZero();
        assertThat(optional.err()).contains("note: no baseline at " + tmp.resolve("none.json"));
        assertThat(json(tmp.resolve("opt").resolve("report.json")).has("baseline")).isFalse();
    }

    @Test
    void aRunThatFailedExitsThreeAndItsJunitFileSaysWhy() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path out = tmp.resolve("down");
        Outcome o = llmload("run", scenario("down", FAST).toString(), "--target", "http://127.0.0.1:" + port + "/v1", "--quiet",
                "--threshold", "error_rate < 1%", "--out", out.toString(), "--format", "junit,md");
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(lastLine(o)).startsWith("ERROR: every request failed");
        Element root = junit(out.resolve("junit.xml"));
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(first(root, "error").getAttribute("message")).isEqualTo(lastLine(o));
        assertThat(Files.readString(out.resolve("summary.md"))).startsWith("## ❌ llmload · ci-e2e · ERROR");
    }

    @Test
    void aStalledServerCannotPassTheGateAndItsCutOffRequestsKeepTheRatesHonest() throws Exception {
        // Half the requests stall for 40 s before their first token: they are cut off when the 1 s drain runs out.
        String stalls = """
                name: stalls
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 4}
                load: {concurrency: 4, duration: 2s, warmup: 0s, drain: 1s}
                mock: {ttft: 10ms, itl: 1ms, output_tokens: 4, faults: {stall_first_token: {rate: %s, duration: 40s}}}
                """;
        Path half = tmp.resolve("half");
        Outcome o = llmload("run", scenario("half", stalls.formatted("0.5")).toString(), "--quiet", "--out", half.toString(),
                "--format", "json");
        JsonNode r = json(half.resolve("report.json"));
        long succeeded = r.at("/summary/requests/succeeded").asLong();
        assertThat(r.at("/summary/requests/incomplete").asLong()).as(o.all()).isEqualTo(4);
        // The window runs to the cut (about 3 s), not to the last answer (which came early, before all four users stalled).
        assertThat(r.at("/summary/throughput/requests_per_s").asDouble()).as(r.at("/summary").toString())
                .isLessThanOrEqualTo(succeeded / 2.5);

        Path all = tmp.resolve("all");
        o = llmload("run", scenario("all", stalls.formatted("1.0")).toString(), "--quiet", "--out", all.toString(),
                "--threshold", "error_rate < 1%", "--threshold", "requests_per_s >= 0", "--format", "json");
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(lastLine(o)).startsWith("ERROR: no request ended: all 4 were still waiting for the server");
        JsonNode checks = json(all.resolve("report.json")).at("/summary/checks");
        assertThat(checks).hasSize(2).allSatisfy(c -> assertThat(c.get("passed").asBoolean()).as(c.toString()).isFalse());
    }

    @Test
    void aRunThatMeasuredNothingIsAnError() throws Exception {
        // Arrivals at 0 s, 2 s, 4 s …: the one at 0 s is warmup, and none falls in the measured 1.0–1.5 s.
        String sparse = FAST.replace("load: {concurrency: 4, requests: 40, warmup: 0s}",
                "load: {rate: 0.5, arrival: constant, duration: 500ms, warmup: 1s}");
        Outcome o = llmload("run", scenario("empty", sparse).toString(), "--quiet",
                "--out", tmp.resolve("empty").toString(), "--threshold", "failed == 0");
        assertThat(o.code()).as(o.all()).isEqualTo(3);
        assertThat(lastLine(o)).startsWith("ERROR: no request was measured");
    }

    @Test
    void theShippedCiScenarioValidates() throws IOException {
        Path shipped = Path.of("scenarios/ci-check.yaml");
        assertThat(Files.readAllLines(shipped, StandardCharsets.UTF_8).get(0))
                .isEqualTo("# yaml-language-server: $schema=../schema/scenario.schema.json");
        Outcome o = llmload("validate", shipped.toString());
        assertThat(o.code()).as(o.all()).isZero();
        assertThat(o.out()).contains("6 threshold(s)");
    }
}
