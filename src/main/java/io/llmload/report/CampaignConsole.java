package io.llmload.report;

import io.llmload.result.Comparison;
import io.llmload.result.Estimate;
import io.llmload.result.LoadInfo;
import io.llmload.result.Point;
import io.llmload.result.Report;
import io.llmload.result.Search;
import io.llmload.result.SteadyState;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import io.llmload.text.Format;
import java.util.Locale;
import java.util.Map;

/**
 * The console sections beyond the single-run summary: how load was applied (and a plain warning
 * when the client could not keep up), goodput, steady state, the sweep table with its Pareto
 * front, the SLO search, variants with their differences, and repeat statistics. A pure function
 * of the report; empty when there is nothing to add.
 */
public final class CampaignConsole {
    private CampaignConsole() {
    }

    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        load(out, r);
        Summary s = r.summary();
        if (s.goodput() != null) {
            out.append(String.format(Locale.ROOT, "%ngoodput     %s req/s · %s of succeeded requests met %s%n", Format.rate(s.goodput().requestsPerS()),
                    Format.percent(s.goodput().fraction()), slo(s.goodput().sloMs())));
        }
        if (r.points() != null && !r.points().isEmpty()) {
            points(out, r);
        }
        if (r.search() != null) {
            search(out, r.search());
        }
        if (r.variants() != null && !r.variants().isEmpty()) {
            variants(out, r);
        }
        if (r.repeats() != null) {
            repeats(out, r.repeats().n(), r.repeats().metrics());
        }
        return out.toString();
    }

    private static void load(StringBuilder out, Report r) {
        LoadInfo l = r.run().load();
        SteadyState ss = r.run().steadyState();
        if (l != null && "open".equals(l.model())) {
            String unit = "conversations".equals(l.rateOf()) ? "conversations/s" : "req/s";
            out.append(String.format(Locale.ROOT, "%nload        open model, %s arrivals%s: %s %s scheduled, %s %s achieved, max in flight %d%n",
                    l.arrival(), l.burstiness() != null ? " (burstiness " + l.burstiness() + ")" : "", Format.rate(l.targetRate()), unit,
                    Format.rate(l.achievedRate()), unit, l.maxInFlight()));
            if ("conversations".equals(l.rateOf())) {
                out.append("            each arrival opens a conversation; its follow-up turns come on top (see the turns above)\n");
            }
        }
        if (l != null && "trace".equals(l.model()) && l.trace() != null) {
            out.append(String.format(Locale.ROOT, "%nload        trace %s: %d records over %s%s, mean %s req/s recorded, %s req/s achieved%n",
                    l.trace().file(), l.trace().records(), Format.seconds(l.trace().spanS()),
                    l.trace().timeScale() == 1 ? "" : " (time scale " + l.trace().timeScale() + ")", Format.rate(l.targetRate()),
                    Format.rate(l.achievedRate())));
        }
        if (l != null && l.maxInFlight() != null) {
            if (r.summary().requests().dropped() > 0) {
                out.append("            ").append(Format.count(r.summary().requests().dropped()))
                        .append(" arrivals dropped: max_in_flight was reached (the server did not keep up)\n");
            }
        }
        if (l != null && l.clientSaturated()) {
            out.append("\nWARNING     the client was saturated: ").append(l.saturation())
                    .append(".\n            The results are a lower bound on what the server can do.\n");
        }
        String paused = PauseText.warning(l == null ? null : l.clientPauses());
        if (paused != null) {
            out.append("\nWARNING     ").append(paused).append(".\n");
        }
        if (ss != null && "auto".equals(ss.mode())) {
            out.append(ss.reached()
                    ? String.format(Locale.ROOT, "warmup      steady state reached after %.1f s (%s)%n", ss.atS(), ss.rule())
                    : String.format(Locale.ROOT, "warmup      steady state NOT reached; measuring began at the %.1f s maximum (%s)%n", ss.atS(), ss.rule()));
        }
        if (ss != null && "default".equals(ss.mode())) {
            out.append(String.format(Locale.ROOT, "warmup      %.1f s by default: %s%n", ss.atS(), ss.rule()));
        }
        if (r.run().stages() != null && r.run().stages().size() > 1) {
            out.append("stages      ");
            r.run().stages().forEach(st -> out.append(String.format(Locale.ROOT, "[%.0f-%.0fs %s %s%s] ", st.startS(), st.endS(),
                    st.rate() != null ? "rate" : "users", st.rate() != null ? Format.rate(st.rate()) : Format.count(st.concurrency().longValue()),
                    "linear".equals(st.ramp()) ? " ramp" : "")));
            out.append('\n');
        }
    }

    private static void points(StringBuilder out, Report r) {
        boolean search = r.search() != null;
        out.append(String.format(Locale.ROOT, "%n%-26s %10s %12s %10s %10s %10s %10s %8s  %s%n", search ? "probe" : "sweep point", "req/s",
                "out tok/s", "ttft p50", "ttft p99", "itl p50", "itl p99", "errors", search ? "SLOs" : "pareto"));
        for (Point p : r.points()) {
            Summary s = p.summary();
            String mark = search ? (Boolean.TRUE.equals(p.passed()) ? "met" : "missed") : (Boolean.TRUE.equals(p.pareto()) ? "*" : "");
            out.append(String.format(Locale.ROOT, "%-26s %10s %12s %10s %10s %10s %10s %8s  %s%n", settings(p.settings()),
                    Format.rate(s.throughput().requestsPerS()), (s.answersInTokens() ? Format.rate(s.throughput().outputTokensPerS()) : "–"), LatencyText.ms(s.latency("ttft"), s.latency("ttft").p50()),
                    LatencyText.ms(s.latency("ttft"), s.latency("ttft").p99()), LatencyText.ms(s.latency("itl"), s.latency("itl").p50()), LatencyText.ms(s.latency("itl"), s.latency("itl").p99()),
                    Format.percent(s.requests().errorRate()), mark));
        }
        if (!search) {
            out.append("(* = Pareto-optimal: no other point has both more output tokens/s and a lower TTFT p99)\n");
        }
    }

    private static void search(StringBuilder out, Search s) {
        out.append(s.maxRate() != null
                ? String.format(Locale.ROOT, "%nSLO search  highest rate meeting %s: %s req/s (%s, %d probes, precision %s req/s)%n",
                        String.join(" and ", s.until()), Format.rate(s.maxRate()), s.outcome(), s.probes(), s.precision())
                : String.format(Locale.ROOT, "%nSLO search  no rate in [%s, %s] req/s met %s (%s)%n", s.rateFrom(), s.rateTo(),
                        String.join(" and ", s.until()), s.outcome()));
    }

    private static void variants(StringBuilder out, Report r) {
        out.append(String.format(Locale.ROOT, "%n%-20s %10s %12s %10s %10s %10s %10s %8s%n", "variant", "req/s", "out tok/s", "ttft p50",
                "ttft p99", "itl p50", "itl p99", "errors"));
        for (VariantSummary v : r.variants()) {
            Summary s = v.summary();
            out.append(String.format(Locale.ROOT, "%-20s %10s %12s %10s %10s %10s %10s %8s%n", v.name(),
                    Format.rate(s.throughput().requestsPerS()), (s.answersInTokens() ? Format.rate(s.throughput().outputTokensPerS()) : "–"), LatencyText.ms(s.latency("ttft"), s.latency("ttft").p50()),
                    LatencyText.ms(s.latency("ttft"), s.latency("ttft").p99()), LatencyText.ms(s.latency("itl"), s.latency("itl").p50()), LatencyText.ms(s.latency("itl"), s.latency("itl").p99()),
                    Format.percent(s.requests().errorRate())));
        }
        if (r.comparison() != null && !r.comparison().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%n%-28s %-20s %12s %9s  %-28s %s%n", "difference vs first variant", "metric", "diff", "%",
                    "95% CI", "significant"));
            for (Comparison c : r.comparison()) {
                String ci = c.ciLow() == null ? "n/a (" + c.method() + ")"
                        : String.format(Locale.ROOT, "[%s, %s] %s", num(c.ciLow()), num(c.ciHigh()), c.method());
                out.append(String.format(Locale.ROOT, "%-28s %-20s %12s %9s  %-28s %s%n", c.variant() + " - " + c.baseline(), c.metric(),
                        num(c.diff()), c.diffPct() == null ? "" : String.format(Locale.ROOT, "%+.1f%%", c.diffPct()), ci,
                        c.ciLow() == null ? "" : c.significant() ? "yes" : "no"));
            }
        }
    }

    private static void repeats(StringBuilder out, int n, Map<String, Estimate> metrics) {
        out.append(String.format(Locale.ROOT, "%nacross %d repeats (mean and 95%% confidence interval):%n", n));
        metrics.forEach((k, e) -> {
            if (k.endsWith(".p50") || k.endsWith(".p99") || k.endsWith("_per_s") || k.equals("error_rate")) {
                out.append(String.format(Locale.ROOT, "  %-22s %12s  [%s, %s]%n", k, num(e.estimate()),
                        e.low() == null ? "-" : num(e.low()), e.high() == null ? "-" : num(e.high())));
            }
        });
    }

    private static String settings(Map<String, Object> settings) {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    private static String slo(Map<String, Double> slo) {
        StringBuilder b = new StringBuilder();
        slo.forEach((k, v) -> b.append(b.length() == 0 ? "" : " and ").append(k).append(" <= ").append(Format.ms(v)).append(" ms"));
        return b.toString();
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
