package io.llmload.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.metrics.Histograms;
import io.llmload.result.LatencyStats;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.text.Format;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML report parsed with a real HTML parser: its sections, tables, chart data and escaping. */
class HtmlReportTest {

    private static Document parse(Report r) {
        return Jsoup.parse(HtmlReport.render(r));
    }

    @Test
    void showsTheHeaderCardsAndEverySection() {
        Report r = TestReports.report(TestReports.spec());
        Document d = parse(r);
        assertThat(d.title()).isEqualTo("llmload · sample");
        assertThat(d.selectFirst("h1").text()).isEqualTo("sample");
        assertThat(d.select("dl.meta dt").eachText()).contains("Target", "Model", "Started", "Duration", "Stopped by", "Load", "Tool");
        assertThat(meta(d, "Started")).isEqualTo("2025-03-04 05:06:07 UTC");
        assertThat(meta(d, "Load")).isEqualTo("concurrency 16 · warmup 2s · duration 18s");
        for (String id : List.of("summary", "latency", "over-time", "requests", "scenario", "per-second")) {
            assertThat(d.getElementById(id)).as(id).isNotNull();
        }
        assertThat(d.getElementById("sweep")).isNull();
        assertThat(d.getElementById("variants")).isNull();
        Summary s = r.summary();
        assertThat(d.select(".card-title").eachText()).containsExactly("Requests", "Error rate", "Output tokens/s", "TTFT p50 / p99", "ITL p50 / p99");
        assertThat(card(d, "Requests")).isEqualTo(Format.count(s.requests().total()));
        assertThat(card(d, "TTFT p50 / p99")).isEqualTo(Format.ms(s.latency("ttft").p50()) + " / " + Format.ms(s.latency("ttft").p99()));
        assertThat(card(d, "Error rate")).isEqualTo(Format.percent(s.requests().errorRate()));
    }

    @Test
    void thePercentileTableHasEveryMetricFromTheSummary() {
        Report r = TestReports.report(TestReports.spec());
        Element table = parse(r).selectFirst("table.latency");
        assertThat(table.select("thead th").eachText()).containsExactly("ms", "count", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max");
        assertThat(table.select("tbody th").eachText()).containsExactlyElementsOf(r.summary().latencyMetrics()).doesNotContain("ttfat");
        for (Element row : table.select("tbody tr")) {
            LatencyStats l = r.summary().latency(row.selectFirst("th").text());
            assertThat(row.select("td").eachText()).containsExactly(Format.count(l.count()), Format.ms(l.min()), Format.ms(l.mean()),
                    Format.ms(l.p50()), Format.ms(l.p90()), Format.ms(l.p95()), Format.ms(l.p99()), Format.ms(l.p999()), Format.ms(l.max()));
        }
    }

    @Test
    void checksAndErrorsAreListedWithTheirSamples() {
        Report r = TestReports.report(TestReports.spec());
        Document d = parse(r);
        assertThat(d.select("table.checks tbody tr")).hasSize(2);
        assertThat(d.select("table.checks tr.pass td:eq(1)").text()).isEqualTo("ttft.p99 < 800ms");
        assertThat(d.select("table.checks tr.fail td:eq(1)").text()).isEqualTo("error_rate < 0.1%");
        assertThat(d.selectFirst("p.verdict").text()).isEqualTo("1 of 2 check(s) failed");
        List<String> kinds = d.select("#requests table.errors tbody td:eq(0)").eachText();
        assertThat(kinds).containsExactly("http_500", "timeout_first_token");
        assertThat(d.select("table.errors tbody td.sample").eachText()).containsExactly("HTTP 500: upstream failed", "no first token within 60s");
        assertThat(d.select("table.errors tbody td:eq(1)").eachText())
                .containsExactly(Format.count(r.summary().requests().errors().get("http_500")), Format.count(r.summary().requests().errors().get("timeout_first_token")));
    }

    @Test
    void serverTextIsEscapedEverywhere() {
        String longModel = "org/" + "very-long-model-name-".repeat(12) + TestReports.HOSTILE;
        Report r = TestReports.report(TestReports.spec().withName("n" + TestReports.HOSTILE).withModel(longModel)
                .withErrorSample(TestReports.HOSTILE).withVariants(TestReports.variants("bf16" + TestReports.HOSTILE, "fp8")));
        String html = HtmlReport.render(r);
        Document d = Jsoup.parse(html);
        // Only our own four scripts exist; the hostile text stays text wherever it is shown.
        assertThat(d.select("script")).hasSize(4);
        assertThat(d.select("img")).isEmpty();
        assertThat(d.selectFirst("h1").text()).isEqualTo("n" + TestReports.HOSTILE);
        assertThat(meta(d, "Model")).isEqualTo(longModel);
        assertThat(d.select("#requests table.errors td.sample").first().text()).isEqualTo(TestReports.HOSTILE);
        assertThat(d.select("#variants h3").eachText()).contains("Variant bf16" + TestReports.HOSTILE);
        // The embedded JSON parses back to the same strings.
        JsonNode embedded = json(d, "llmload-report");
        assertThat(embedded.at("/summary/requests/error_samples/http_500").asText()).isEqualTo(TestReports.HOSTILE);
        assertThat(embedded.at("/run/model").asText()).isEqualTo(longModel);
        assertThat(html).doesNotContain("<script>window.__pwned").doesNotContain("<img src=x");
    }

    @Test
    void theChartDataCarriesPercentileCurvesFromTheHistograms() throws IOException {
        Report r = TestReports.report(TestReports.spec());
        JsonNode charts = json(parse(r), "llmload-charts");
        List<String> ids = new ArrayList<>();
        charts.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactly("dist-ttft", "dist-itl", "dist-tpot", "dist-e2e", "dist-schedule_lag", "ts-requests",
                "ts-tokens", "ts-in-flight", "ts-errors", "ts-ttft", "ts-itl");
        Histogram ttft = Histograms.decode(r.histograms().get("ttft"));
        JsonNode dist = charts.get(0);
        assertThat(dist.get("x_scale").asText()).isEqualTo("nines");
        JsonNode x = dist.at("/series/0/x");
        JsonNode y = dist.at("/series/0/y");
        assertThat(x.get(0).asDouble()).isEqualTo(1.0);
        assertThat(y.get(0).asDouble()).isEqualTo(ttft.highestEquivalentValue(ttft.getMinValue()) / 1000.0);
        for (int i = 1; i < x.size(); i++) {
            assertThat(x.get(i).asDouble()).isGreaterThan(x.get(i - 1).asDouble());
            assertThat(y.get(i).asDouble()).isGreaterThanOrEqualTo(y.get(i - 1).asDouble());
            double percentile = 100 - 100 / x.get(i).asDouble();
            assertThat(y.get(i).asDouble()).as("at %s%%", percentile)
                    .isEqualTo(ttft.highestEquivalentValue(ttft.getValueAtPercentile(percentile)) / 1000.0);
        }
        assertThat(y.get(y.size() - 1).asDouble()).isLessThanOrEqualTo(ttft.highestEquivalentValue(ttft.getMaxValue()) / 1000.0);
        // Time series: rates per real interval length, warmup shaded, no latency during warmup.
        JsonNode requests = charts.get(ids.indexOf("ts-requests"));
        assertThat(requests.at("/bands/0/label").asText()).isEqualTo("warmup");
        assertThat(requests.at("/bands/0/to").asDouble()).isEqualTo(r.run().warmupS());
        var p = r.timeseries().get(3);
        double dt = p.t() - r.timeseries().get(2).t();
        assertThat(dt).isGreaterThan(1);
        assertThat(requests.at("/series/0/y/3").asDouble()).isCloseTo(p.requests() / dt, org.assertj.core.data.Offset.offset(0.001));
        assertThat(charts.get(ids.indexOf("ts-ttft")).at("/series/0/y/0").isNull()).isTrue();
        assertThat(charts.get(ids.indexOf("ts-ttft")).at("/series/1/dash").asBoolean()).isTrue();
    }

    @Test
    void sweepsGetCurvesAndATableVariantsASectionEach() {
        Report r = TestReports.report(TestReports.spec().withPoints(TestReports.sweep(1, 4, 16)).withVariants(TestReports.variants("bf16", "fp8")));
        Document d = parse(r);
        assertThat(d.getElementById("sweep")).isNotNull();
        assertThat(d.select("#sweep table.rows tbody th").eachText()).containsExactly("concurrency=1", "concurrency=4", "concurrency=16");
        JsonNode charts = json(d, "llmload-charts");
        JsonNode sweep = null;
        for (JsonNode c : charts) {
            if (c.get("id").asText().equals("sweep-ttft")) {
                sweep = c;
            }
        }
        assertThat(sweep).isNotNull();
        assertThat(sweep.get("kind").asText()).isEqualTo("xy");
        for (int i = 0; i < 3; i++) {
            var point = r.points().get(i).summary();
            assertThat(sweep.at("/series/0/x/" + i).asDouble()).isEqualTo(point.throughput().outputTokensPerS());
            assertThat(sweep.at("/series/1/y/" + i).asDouble()).isEqualTo(point.latency("ttft").p99());
            assertThat(sweep.at("/series/1/point_labels/" + i).asText()).isEqualTo(r.points().get(i).settings().get("concurrency").toString());
        }
        assertThat(d.select("#variants section.variant")).hasSize(2);
        assertThat(d.select("#variants section.variant h3").eachText()).containsExactly("Variant bf16", "Variant fp8");
        assertThat(d.select("#variant-2 .settings").text()).isEqualTo("target.url=http://127.0.0.1:8001/v1");
        assertThat(d.select("#variant-2 td.sample").eachText()).containsExactly("HTTP 503 from fp8", "no first token within 60s");
        assertThat(d.select("#variants table.rows tbody th").eachText()).containsExactly("bf16", "fp8");
        assertThat(d.select("nav a").eachText()).contains("Sweep", "Variants");
    }

    @Test
    void anOldOrPartialReportStillRenders() {
        Report full = TestReports.report(TestReports.spec());
        java.util.Map<String, Object> missing = new java.util.HashMap<>();
        for (String part : List.of("tool", "scenario", "run", "timeseries", "histograms", "points", "variants")) {
            missing.put(part, null);
        }
        Report partial = Records.copy(full, missing);
        Document d = parse(partial);
        assertThat(d.selectFirst("h1").text()).isEqualTo("scenario");
        assertThat(d.getElementById("over-time")).isNull();
        assertThat(d.select(".no-data")).as("one distribution chart per latency").hasSize(full.summary().latencyMetrics().size());
    }

    @Test
    void theContentSecurityPolicyAllowsOnlyThePageScriptsAndNoNetwork() {
        Document d = parse(TestReports.report(TestReports.spec()));
        String csp = d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertThat(csp).startsWith("default-src 'none'; script-src 'sha256-").doesNotContain("unsafe-eval").doesNotContain("http");
        for (Element script : d.select("script:not([type])")) {
            String hash = java.util.Base64.getEncoder().encodeToString(sha256(script.data()));
            assertThat(csp).contains("'sha256-" + hash + "'");
        }
    }

    static JsonNode json(Document d, String id) {
        try {
            return ReportJson.MAPPER.readTree(d.getElementById(id).data());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String meta(Document d, String key) {
        return d.select("dl.meta div").stream().filter(div -> div.selectFirst("dt").text().equals(key)).findFirst().orElseThrow()
                .selectFirst("dd").text();
    }

    private static String card(Document d, String title) {
        return d.select(".card").stream().filter(c -> c.selectFirst(".card-title").text().equals(title)).findFirst().orElseThrow()
                .selectFirst(".card-value").text();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
