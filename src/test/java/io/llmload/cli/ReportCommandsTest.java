package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmload.report.ReportJson;
import io.llmload.text.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code compare}, {@code report} and the live/quiet console of {@code run}, through the real entry point on real runs. */
@Isolated("it compares the latencies of two runs: nothing else may run beside it")
class ReportCommandsTest {
    @TempDir
    static Path tmp;
    static Path fast;
    static Path slow;

    record Outcome(int code, String out, String err) {
    }

    static Outcome llmload(boolean terminal, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, terminal, false);
        int code = Main.execute(args, console);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Outcome llmload(String... args) {
        return llmload(false, Map.of(), args);
    }

    private static Path scenario(String name, int ttftMs) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                target: {url: embedded, model: mock-llm}
                request: {stream: true, max_tokens: 8}
                load: {concurrency: 4, requests: 40, warmup: 500ms}
                mock: {ttft: %dms, itl: 5ms, output_tokens: 8}
                """.formatted(name, ttftMs));
        return file;
    }

    @BeforeAll
    static void twoRuns() throws IOException {
        fast = tmp.resolve("fast");
        slow = tmp.resolve("slow");
        Outcome a = llmload("run", scenario("fast", 10).toString(), "--out", fast.toString(), "--quiet");
        Outcome b = llmload("run", scenario("slow", 80).toString(), "--out", slow.toString(), "--quiet");
        assertThat(a.code()).as(a.out() + a.err()).isZero();
        assertThat(b.code()).as(b.out() + b.err()).isZero();
    }

    private static JsonNode json(Path run) throws IOException {
        return ReportJson.MAPPER.readTree(run.resolve("report.json").toFile());
    }

    @Test
    void compareShowsExactDeltasAgainstTheFirstAndWritesTheHtml() throws IOException {
        Path html = tmp.resolve("compare.html");
        Outcome o = llmload("compare", fast.resolve("report.json").toString(), slow.toString(), "--out", html.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).isEmpty();
        double a = json(fast).at("/summary/latency_ms/ttft/p50").asDouble();
        double b = json(slow).at("/summary/latency_ms/ttft/p50").asDouble();
        String[] row = o.out().lines().filter(l -> l.startsWith("  ttft p50 (ms)")).findFirst().orElseThrow().trim().split("\\s{2,}");
        assertThat(row).containsExactly("ttft p50 (ms)", Format.ms(a), Format.ms(b), "+" + Format.ms(b - a),
                String.format(Locale.ROOT, "%+.1f%%", (b - a) / a * 100), "worse");
        assertThat(o.out()).startsWith("llmload compare · 2 reports · changes against #1 · noise threshold 5% / 0.5 ms\n  #1  fast · fast · model mock-llm")
                .contains("  #2  slow · slow").contains("REGRESSION: ").contains("#2 ttft p50 +").endsWith("compare: " + html + "\n")
                .doesNotContain("\033[");
        Document d = Jsoup.parse(Files.readString(html));
        assertThat(d.select("table.runs tbody th.name").eachText()).containsExactly("fast " + fast.resolve("report.json"), "slow " + slow);
        assertThat(d.select("table.compare td.worse")).isNotEmpty();
        assertThat(d.select("[data-chart]").eachAttr("data-chart")).contains("dist-ttft", "ts-ttft");
    }

    @Test
    void failOnRegressionGatesOnlyOnWorse() {
        assertThat(llmload("compare", fast.toString(), slow.toString(), "--fail-on-regression").code()).isEqualTo(1);
        Outcome same = llmload("compare", fast.toString(), fast.toString(), "--fail-on-regression");
        assertThat(same.code()).as(same.out()).isZero();
        assertThat(same.out()).contains("  #1  fast (#1) · fast").contains("  #2  fast (#2) · fast")
                .contains("NO REGRESSION: nothing worse beyond noise against #1\n");
        // A huge noise threshold hides the change.
        assertThat(llmload("compare", fast.toString(), slow.toString(), "--fail-on-regression", "--noise", "1000").code()).isZero();
        Outcome better = llmload("compare", slow.toString(), fast.toString(), "--label", "before", "--label", "after");
        assertThat(better.code()).isZero();
        assertThat(better.out()).contains("  #1  before · slow").contains("  #2  after · fast");
        assertThat(better.out().lines().filter(l -> l.startsWith("  ttft p50 (ms)")).findFirst().orElseThrow()).endsWith("better");
        assertThat(llmload("compare", fast.toString(), slow.toString(), "--noise", "-1").code()).isEqualTo(2);
        assertThat(llmload("compare", fast.toString(), slow.toString(), "--label", "a", "--label", "b", "--label", "c").code()).isEqualTo(2);
    }

    @Test
    void anotherToolVersionOfTheSameSchemaCompares() throws IOException {
        ObjectNode old = (ObjectNode) json(fast);
        ((ObjectNode) old.get("tool")).put("version", "0.0.1-old");
        old.putObject("from_the_future").put("anything", 1);
        old.remove("histograms");
        old.remove("timeseries");
        Path file = tmp.resolve("old.json");
        Files.writeString(file, old.toString());
        Outcome o = llmload("compare", file.toString(), slow.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("  #1  old · fast · model mock-llm").contains("llmload 0.0.1-old").contains("ttft p50 (ms)");
    }

    @Test
    void otherSchemasAndBadFilesAreUsageErrors() throws IOException {
        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, Files.readString(fast.resolve("report.json")).replace("llmload.report/v1", "llmload.report/v2"));
        Outcome o = llmload("compare", fast.toString(), v2.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("error: " + v2 + " has schema 'llmload.report/v2'; this llmload reads llmload.report/v1\n");
        assertThat(o.out()).isEmpty();

        Path notJson = tmp.resolve("nope.json");
        Files.writeString(notJson, "{ nope");
        assertThat(llmload("compare", fast.toString(), notJson.toString()).err()).startsWith("error: " + notJson + " is not valid JSON");
        Outcome missing = llmload("compare", fast.toString(), tmp.resolve("missing.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: report not found: " + tmp.resolve("missing.json") + "\n");
        assertThat(llmload("compare", fast.toString()).code()).isEqualTo(2);
        ObjectNode damaged = (ObjectNode) json(fast);
        ((ObjectNode) damaged.get("histograms")).put("ttft", "bm90IGEgaGlzdG9ncmFt");
        Path bad = tmp.resolve("damaged.json");
        Files.writeString(bad, damaged.toString());
        Outcome broken = llmload("report", bad.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).isEqualTo("error: " + bad + ": histograms.ttft is not an encoded HdrHistogram\n");
        assertThat(llmload("report", v2.toString()).code()).isEqualTo(2);
    }

    @Test
    void incompleteOrGarbledReportsAreRefusedByReportCompareAndBaseline() throws IOException {
        Path minimal = tmp.resolve("minimal.json");
        Files.writeString(minimal, "{\"schema\":\"llmload.report/v1\"}");
        String incomplete = "error: " + minimal + ": not a complete llmload report (missing run, summary); give a report.json written by llmload run\n";
        Outcome report = llmload("report", minimal.toString());
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).isEqualTo(incomplete);
        // compare must not show an empty column and call it no regression
        Outcome compare = llmload("compare", fast.toString(), minimal.toString(), "--fail-on-regression");
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).isEqualTo(incomplete);
        assertThat(compare.out()).isEmpty();
        // --baseline is read before the run, so nothing is measured
        Path scenario = tmp.resolve("fast.yaml");
        Outcome baseline = llmload("run", scenario.toString(), "--baseline", minimal.toString(), "--out", tmp.resolve("unused").toString());
        assertThat(baseline.code()).isEqualTo(2);
        assertThat(baseline.err()).contains(incomplete.trim()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(tmp.resolve("unused")).doesNotExist();

        Map<String, String> damaged = new java.util.LinkedHashMap<>();
        String full = Files.readString(fast.resolve("report.json"));
        damaged.put("[1, 2]", "is not an llmload report: it holds a JSON array where a report is an object with \"schema\": \"llmload.report/v1\"");
        damaged.put("", "is empty; give a report.json written by llmload run");
        damaged.put("null", "is not an llmload report: it holds null");
        damaged.put(full.substring(0, full.length() / 2), "is not valid JSON (line ");
        damaged.put(without("run"), ": not a complete llmload report (missing run)");
        damaged.put(without("summary"), ": not a complete llmload report (missing summary)");
        damaged.put(without("summary", "requests"), ": not a complete llmload report (missing summary.requests)");
        damaged.put(without("summary", "latency_ms"), ": not a complete llmload report (missing summary.latency_ms)");
        ObjectNode wrongType = (ObjectNode) json(fast);
        ((ObjectNode) wrongType.get("summary").get("requests")).put("total", "many");
        damaged.put(wrongType.toString(), ": not a valid llmload report: summary.requests.total is the string \"many\", expected a whole number");
        ObjectNode summaryString = (ObjectNode) json(fast);
        summaryString.put("summary", "x");
        damaged.put(summaryString.toString(), ": not a valid llmload report: summary is the string \"x\", expected an object");
        int i = 0;
        for (Map.Entry<String, String> e : damaged.entrySet()) {
            Path file = tmp.resolve("damaged-" + i++ + ".json");
            Files.writeString(file, e.getKey());
            for (String[] args : List.of(new String[] {"report", file.toString()},
                    new String[] {"compare", fast.toString(), file.toString(), "--fail-on-regression"},
                    new String[] {"compare", file.toString(), fast.toString()})) {
                Outcome o = llmload(args);
                assertThat(o.code()).as(String.join(" ", args) + ": " + o.err()).isEqualTo(2);
                assertThat(o.err()).as(e.getValue()).startsWith("error: " + file + (e.getValue().startsWith(":") ? "" : " ") + e.getValue())
                        .doesNotContain("io.llmload").doesNotContain("Cannot ").doesNotContain("LLMLOAD_DEBUG").endsWith("\n");
                assertThat(o.err().lines()).hasSize(1);
            }
        }
    }

    /** The fast run's report without the key at {@code path}. */
    private static String without(String... path) throws IOException {
        ObjectNode root = (ObjectNode) json(fast);
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        parent.remove(path[path.length - 1]);
        return root.toString();
    }

    @Test
    void reportReRendersTheHtmlFromJson() throws IOException {
        Path copy = tmp.resolve("again.json");
        Files.copy(fast.resolve("report.json"), copy);
        Outcome o = llmload("report", copy.toString());
        assertThat(o.code()).as(o.err()).isZero();
        Path html = tmp.resolve("again.html");
        assertThat(o.out()).isEqualTo("report: " + html + "\n");
        Document d = Jsoup.parse(Files.readString(html));
        assertThat(d.selectFirst("h1").text()).isEqualTo("fast");
        // five latency metrics (no ttfat: nothing reasoned), then the request phases under their own heading
        assertThat(d.select("table.latency tbody tr")).hasSize(9);
        assertThat(d.select("table.latency tbody tr.group").text()).isEqualTo("request phases, before the answer");
        // The same report renders to the same page as the run wrote (apart from nothing).
        Path out = tmp.resolve("x").resolve("fast.html");
        assertThat(llmload("report", fast.toString(), "--out", out.toString()).code()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(fast.resolve("report.html")));
    }

    @Test
    void quietPrintsOnlyThePathsAndTheVerdict() throws IOException {
        Path out = tmp.resolve("quiet");
        Outcome o = llmload("run", scenario("quiet", 5).toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).isZero();
        assertThat(o.err()).isEmpty();
        assertThat(o.out()).isEqualTo("report: " + out.resolve("report.json") + "\nreport: " + out.resolve("report.html")
                + "\nreport: " + out.resolve("requests.jsonl") + "\nDONE: 40 requests succeeded\n");
    }

    @Test
    void onATerminalTheStatusLineIsRewrittenAndColoursFollowNoColor() throws IOException {
        Path file = tmp.resolve("live.yaml");
        Files.writeString(file, """
                name: live
                target: {url: embedded, model: mock-llm}
                load: {concurrency: 2, duration: 2500ms, warmup: 0s}
                mock: {ttft: 5ms, itl: 1ms, output_tokens: 4}
                """);
        Map<String, String> env = new HashMap<>(Map.of("COLUMNS", "90", "TERM", "xterm"));
        Outcome o = llmload(true, env, "run", file.toString(), "--out", tmp.resolve("live").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).startsWith("workload: ").contains("\nrunning against embedded mock at http://127.0.0.1:").contains("\r\033[2K").contains("% 1s/3s")
                .contains("\033[1m█");
        for (String line : o.err().split("\r\033\\[2K|\n")) {
            assertThat(io.llmload.report.Ansi.strip(line).length()).isLessThanOrEqualTo(89);
        }
        env.put("NO_COLOR", "1");
        Outcome plain = llmload(true, env, "run", file.toString(), "--out", tmp.resolve("live2").toString());
        assertThat(plain.err()).contains("\r\033[2K").doesNotContain("\033[1m").doesNotContain("\033[3");
    }
}
