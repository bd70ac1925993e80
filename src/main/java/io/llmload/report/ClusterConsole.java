package io.llmload.report;

import io.llmload.result.ClusterInfo;
import io.llmload.result.Report;
import io.llmload.result.Summary;
import io.llmload.text.Format;
import java.util.Locale;

/** The console lines of a distributed run: one per agent, then the gaps. A pure function of the report; empty for local runs. */
public final class ClusterConsole {
    private ClusterConsole() {
    }

    public static String render(Report report) {
        ClusterInfo c = report.cluster();
        if (c == null) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "%-20s %10s %10s %12s %10s %10s %9s  %s%n", "agents", "requests", "req/s", "out tok/s",
                "ttft p50", "ttft p99", "clock ms", "status"));
        for (ClusterInfo.Agent a : c.agents()) {
            Summary s = a.summary();
            out.append(String.format(Locale.ROOT, "  %-18s %10s %10s %12s %10s %10s %+9.2f  %s%n", a.name(),
                    s == null ? "–" : Format.count(s.requests().total()), s == null ? "–" : Format.rate(s.throughput().requestsPerS()),
                    s == null || !s.answersInTokens() ? "–" : Format.rate(s.throughput().outputTokensPerS()), s == null ? "–" : LatencyText.ms(s.latency("ttft"), s.latency("ttft").p50()),
                    s == null ? "–" : LatencyText.ms(s.latency("ttft"), s.latency("ttft").p99()), a.clockOffsetMs(), a.status()));
        }
        for (ClusterInfo.Gap g : c.gaps()) {
            out.append(String.format(Locale.ROOT, "GAP: agent %s lost from %s (%s into %s): %s%n", g.agent(), Format.timestamp(g.at()),
                    Format.seconds(g.tS()), g.run() == null ? "the run" : g.run(), g.reason()));
        }
        return out.toString();
    }
}
