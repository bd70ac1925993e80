package io.llmload.stats;

import io.llmload.metrics.Histograms;
import io.llmload.result.LabeledReport;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Reports side by side: each metric's value in every report, and its change against the first
 * (the baseline), judged better, worse or within noise. A change is flagged only when it is at
 * least {@code noisePct} percent (and, for latencies, at least {@code noiseMs} milliseconds) and,
 * where the data allow a test, statistically real: percentile
 * confidence intervals from the histograms must not overlap, error rates must pass a
 * two-proportion test ({@link Noise}). Sections: the whole run, then each sweep point and each
 * variant present in the baseline. A pure function of the reports.
 */
public record ReportComparison(List<LabeledReport> runs, double noisePct, double noiseMs, List<Section> sections) {
    /** Latency changes below half a millisecond do not matter to anyone waiting for tokens. */
    public static final double DEFAULT_NOISE_MS = 0.5;

    /** How a value compares with the baseline's. {@code NONE}: nothing to judge (missing, or no better direction). */
    public enum Verdict { BASELINE, SAME, BETTER, WORSE, NONE }

    /** One report's value of one metric, with its change against the baseline. */
    public record Cell(Double value, Double delta, Double deltaPct, Verdict verdict) {
    }

    /** One metric across all reports. */
    public record Row(CompareMetric metric, List<Cell> cells) {
    }

    /** A titled group of rows: "overall", a sweep point or a variant. */
    public record Section(String title, List<Row> rows) {
    }

    /** A worse-beyond-noise change, for the verdict line. */
    public record Regression(String section, CompareMetric metric, int run, Cell baseline, Cell cell) {
    }

    public static ReportComparison of(List<LabeledReport> runs, double noisePct) {
        return of(runs, noisePct, DEFAULT_NOISE_MS);
    }

    public static ReportComparison of(List<LabeledReport> runs, double noisePct, double noiseMs) {
        Noise.Threshold noise = new Noise.Threshold(noisePct, noiseMs);
        if (runs.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two reports");
        }
        List<Section> sections = new ArrayList<>();
        List<Summary> overall = runs.stream().map(r -> r.report().summary()).toList();
        List<Map<String, Histogram>> histograms = runs.stream().map(r -> decode(r.report())).toList();
        sections.add(section("overall", CompareMetric.overall(), overall, histograms, noise));
        Report base = runs.get(0).report();
        if (base.points() != null) {
            for (int i = 0; i < base.points().size(); i++) {
                Point p = base.points().get(i);
                List<Summary> matched = new ArrayList<>();
                for (LabeledReport r : runs) {
                    matched.add(matchPoint(r.report().points(), p, i));
                }
                sections.add(section("sweep " + Point.settingsLabel(p.settings()), CompareMetric.headline(), matched, null, noise));
            }
        }
        if (base.variants() != null) {
            for (VariantSummary v : base.variants()) {
                List<Summary> matched = runs.stream().map(r -> matchVariant(r.report().variants(), v.name())).toList();
                sections.add(section("variant " + v.name(), CompareMetric.headline(), matched, null, noise));
            }
        }
        return new ReportComparison(List.copyOf(runs), noisePct, noiseMs, List.copyOf(sections));
    }

    public List<Regression> regressions() {
        List<Regression> out = new ArrayList<>();
        for (Section s : sections) {
            for (Row row : s.rows()) {
                for (int i = 1; i < row.cells().size(); i++) {
                    if (row.cells().get(i).verdict() == Verdict.WORSE) {
                        out.add(new Regression(s.title(), row.metric(), i, row.cells().get(0), row.cells().get(i)));
                    }
                }
            }
        }
        return out;
    }

    public long improvements() {
        return sections.stream().flatMap(s -> s.rows().stream()).flatMap(r -> r.cells().stream())
                .filter(c -> c.verdict() == Verdict.BETTER).count();
    }

    private static Section section(String title, List<CompareMetric> metrics, List<Summary> summaries,
                                   List<Map<String, Histogram>> histograms, Noise.Threshold noise) {
        List<Row> rows = new ArrayList<>();
        for (CompareMetric m : metrics) {
            List<Cell> cells = new ArrayList<>();
            Double base = m.read(summaries.get(0));
            cells.add(new Cell(base, null, null, Verdict.BASELINE));
            for (int i = 1; i < summaries.size(); i++) {
                Double v = m.read(summaries.get(i));
                if (v == null || base == null) {
                    cells.add(new Cell(v, null, null, Verdict.NONE));
                    continue;
                }
                double delta = v - base;
                Double pct = base == 0 ? null : delta / Math.abs(base) * 100;
                Verdict verdict = Verdict.NONE;
                if (m.better() != CompareMetric.Better.NEITHER) {
                    boolean real = noise.exceeded(m.unit(), pct, delta)
                            && passesTest(m, summaries.get(0), summaries.get(i), histograms == null ? null : histograms.get(0),
                                    histograms == null ? null : histograms.get(i));
                    boolean worse = m.better() == CompareMetric.Better.LOWER ? delta > 0 : delta < 0;
                    verdict = !real ? Verdict.SAME : worse ? Verdict.WORSE : Verdict.BETTER;
                }
                cells.add(new Cell(v, delta, pct, verdict));
            }
            if (cells.stream().anyMatch(c -> c.value() != null)) { // a metric no report has (ttfat without reasoning) is no row
                rows.add(new Row(m, List.copyOf(cells)));
            }
        }
        return new Section(title, List.copyOf(rows));
    }

    private static boolean passesTest(CompareMetric m, Summary a, Summary b, Map<String, Histogram> ha, Map<String, Histogram> hb) {
        if ("%".equals(m.unit())) {
            return Noise.ratesDiffer(a.requests().failed(), ended(a), b.requests().failed(), ended(b));
        }
        if (m.histogram() != null && ha != null && hb != null && ha.containsKey(m.histogram()) && hb.containsKey(m.histogram())) {
            return Noise.quantilesDiffer(ha.get(m.histogram()), hb.get(m.histogram()), m.quantile());
        }
        return true; // no distribution to test against: the threshold alone decides
    }

    private static long ended(Summary s) {
        return s.requests().succeeded() + s.requests().failed();
    }

    private static Map<String, Histogram> decode(Report r) {
        Map<String, Histogram> out = new HashMap<>();
        if (r.histograms() != null) {
            r.histograms().forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    out.put(k, Histograms.decode(v));
                }
            });
        }
        return out;
    }

    /** The point with the same settings, else the one at the same position. */
    private static Summary matchPoint(List<Point> points, Point wanted, int index) {
        if (points == null) {
            return null;
        }
        Point found = points.stream().filter(p -> Objects.equals(p.settings(), wanted.settings())).findFirst()
                .orElse(index < points.size() ? points.get(index) : null);
        return found == null ? null : found.summary();
    }

    private static Summary matchVariant(List<VariantSummary> variants, String name) {
        if (variants == null) {
            return null;
        }
        return variants.stream().filter(v -> Objects.equals(v.name(), name)).map(VariantSummary::summary).findFirst().orElse(null);
    }
}
