package io.llmload.report;

import io.llmload.stats.CompareMetric;
import io.llmload.stats.ReportComparison;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console form of a {@link ReportComparison}: who is compared, one table per section with each
 * report's value and its change against the baseline (worse/better beyond noise marked in
 * words, and in colour when {@link Ansi} allows), then a one-line verdict. A pure function.
 */
public final class ComparisonText {
    private ComparisonText() {
    }

    public static String render(ReportComparison c, List<String> sources, Ansi ansi) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "llmload compare · %d reports · changes against #1 · noise threshold %s%% / %s ms%n",
                c.runs().size(), Format.plain(c.noisePct()), Format.plain(c.noiseMs())));
        for (int i = 0; i < c.runs().size(); i++) {
            var r = c.runs().get(i).report();
            String model = r.run() == null ? "?" : r.run().model();
            String started = r.run() == null ? "?" : Format.timestamp(r.run().startedAt());
            out.append(String.format(Locale.ROOT, "  #%d  %s · %s · model %s · %s · llmload %s%n", i + 1, c.runs().get(i).label(),
                    HtmlReport.name(r), model, started, r.tool() == null ? "?" : r.tool().version()));
            if (sources != null && i < sources.size()) {
                out.append("       ").append(sources.get(i)).append('\n');
            }
        }
        for (ReportComparison.Section s : c.sections()) {
            out.append('\n');
            table(out, s, c.runs().size(), ansi);
        }
        out.append('\n').append(verdict(c, ansi)).append('\n');
        return out.toString();
    }

    /** The last line: the regressions (worst first as listed), or that there are none. */
    public static String verdict(ReportComparison c, Ansi ansi) {
        List<ReportComparison.Regression> regressions = c.regressions();
        if (regressions.isEmpty()) {
            long better = c.improvements();
            return ansi.green("NO REGRESSION") + ": nothing worse beyond noise against #1"
                    + (better > 0 ? " (" + better + " value(s) better)" : "");
        }
        List<String> parts = new ArrayList<>();
        for (ReportComparison.Regression r : regressions) {
            CompareMetric m = r.metric();
            String unit = m.unit().equals("ms") ? " ms" : m.unit().equals("/s") ? "/s" : "";
            parts.add("#" + (r.run() + 1) + " " + (r.section().equals("overall") ? "" : r.section() + " ") + m.label() + " "
                    + (r.cell().deltaPct() == null ? delta(m, r.cell().delta()) : pct(r.cell())) + " (" + value(m, r.baseline().value())
                    + " → " + value(m, r.cell().value()) + unit + ")");
        }
        return ansi.red("REGRESSION") + ": " + regressions.size() + " value(s) worse beyond noise against #1: "
                + String.join("; ", parts);
    }

    private static void table(StringBuilder out, ReportComparison.Section s, int runs, Ansi ansi) {
        List<String[]> lines = new ArrayList<>();
        List<String[]> marks = new ArrayList<>();
        String[] head = new String[1 + 1 + 4 * (runs - 1)];
        head[0] = s.title();
        head[1] = "#1";
        for (int i = 1; i < runs; i++) {
            head[2 + 4 * (i - 1)] = "#" + (i + 1);
            head[3 + 4 * (i - 1)] = "Δ";
            head[4 + 4 * (i - 1)] = "Δ%";
            head[5 + 4 * (i - 1)] = "";
        }
        lines.add(head);
        marks.add(new String[head.length]);
        for (ReportComparison.Row row : s.rows()) {
            String[] line = new String[head.length];
            String[] mark = new String[head.length];
            CompareMetric m = row.metric();
            line[0] = "  " + m.label() + (m.unit().equals("ms") ? " (ms)" : "");
            line[1] = value(m, row.cells().get(0).value());
            for (int i = 1; i < runs; i++) {
                ReportComparison.Cell cell = row.cells().get(i);
                int at = 2 + 4 * (i - 1);
                line[at] = value(m, cell.value());
                line[at + 1] = delta(m, cell.delta());
                line[at + 2] = pct(cell);
                line[at + 3] = cell.verdict() == ReportComparison.Verdict.WORSE ? "worse" : cell.verdict() == ReportComparison.Verdict.BETTER ? "better" : "";
                mark[at + 3] = line[at + 3];
            }
            lines.add(line);
            marks.add(mark);
        }
        int[] width = new int[head.length];
        for (String[] line : lines) {
            for (int k = 0; k < line.length; k++) {
                width[k] = Math.max(width[k], line[k] == null ? 0 : line[k].length());
            }
        }
        for (int li = 0; li < lines.size(); li++) {
            String[] line = lines.get(li);
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < line.length; k++) {
                String cell = line[k] == null ? "" : line[k];
                String padded = k == 0 ? pad(cell, width[k], false) : k % 4 == 1 && k > 1 ? pad(cell, width[k], false)
                        : pad(cell, width[k], true);
                if (li > 0 && k > 1 && (k - 2) % 4 != 0) {
                    String verdict = marks.get(li)[2 + 4 * ((k - 2) / 4) + 3];
                    padded = "worse".equals(verdict) ? ansi.red(padded) : "better".equals(verdict) ? ansi.green(padded) : padded;
                }
                b.append(k == 0 ? "" : "  ").append(padded);
            }
            out.append(li == 0 ? ansi.bold(b.toString().stripTrailing()) : b.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }

    static String value(CompareMetric m, Double v) {
        if (v == null) {
            return "–";
        }
        return switch (m.unit()) {
            case "ms" -> Format.ms(v);
            case "/s" -> Format.rate(v);
            case "%" -> Format.percent(v);
            default -> Format.count(Math.round(v));
        };
    }

    static String delta(CompareMetric m, Double d) {
        if (d == null) {
            return "–";
        }
        String sign = d > 0 ? "+" : d < 0 ? "-" : "±";
        double a = Math.abs(d);
        return switch (m.unit()) {
            case "ms" -> sign + Format.ms(a);
            case "/s" -> sign + Format.rate(a);
            case "%" -> sign + String.format(Locale.ROOT, "%.2fpp", a * 100);
            default -> sign + Format.count(Math.round(a));
        };
    }

    static String pct(ReportComparison.Cell cell) {
        if (cell.deltaPct() == null) {
            return "–";
        }
        double p = cell.deltaPct();
        return String.format(Locale.ROOT, "%+.1f%%", p).replace("+0.0%", "±0.0%").replace("-0.0%", "±0.0%");
    }
}
