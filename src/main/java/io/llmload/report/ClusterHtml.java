package io.llmload.report;

import io.llmload.result.ClusterInfo;
import io.llmload.result.Summary;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "Cluster" section of the HTML report for a distributed run: each agent's part of the
 * results side by side, where it ran and its clock offset, and the gaps lost agents left. Every
 * name and message is escaped.
 */
final class ClusterHtml {
    private ClusterHtml() {
    }

    static void section(StringBuilder h, ClusterInfo c) {
        h.append("<section id=\"cluster\">\n<h2>Cluster</h2>\n<p class=\"note\">").append(c.agents().size()).append(" agent(s) of ")
                .append(c.agentsRequested()).append(" requested, coordinated from ").append(Html.escape(c.coordinator()))
                .append(". The summary adds their histograms and counts; these are their parts.</p>\n");
        List<String> names = new ArrayList<>();
        List<Summary> summaries = new ArrayList<>();
        for (ClusterInfo.Agent a : c.agents()) {
            if (a.summary() != null) {
                names.add(a.name() + ("lost".equals(a.status()) ? " (lost)" : ""));
                summaries.add(a.summary());
            }
        }
        if (!names.isEmpty()) {
            SummaryHtml.rows(h, "agent", names, summaries);
        }
        h.append("<div class=\"scroll\"><table class=\"num\">\n<thead><tr><th>agent</th><th>host</th><th>address</th><th>cpus</th>")
                .append("<th>version</th><th>clock offset (ms)</th><th>status</th></tr></thead>\n<tbody>\n");
        for (ClusterInfo.Agent a : c.agents()) {
            h.append("<tr><th class=\"name\">").append(Html.escape(a.name())).append("</th><td>").append(Html.escape(a.host()))
                    .append("</td><td>").append(Html.escape(a.address())).append("</td><td>").append(a.cpus()).append("</td><td>")
                    .append(Html.escape(a.version())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.2f ± %.2f", a.clockOffsetMs(), a.clockRttMs() / 2)).append("</td><td>")
                    .append(Html.escape(a.status())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
        if (c.gaps() != null && !c.gaps().isEmpty()) {
            h.append("<h3>Gaps</h3>\n<ul class=\"gaps\">\n");
            for (ClusterInfo.Gap g : c.gaps()) {
                h.append("<li class=\"warn\"><b>").append(Html.escape(g.agent())).append("</b> lost from ")
                        .append(Html.escape(Format.timestamp(g.at()))).append(" (").append(Format.seconds(g.tS())).append(" into ")
                        .append(g.run() == null ? "the run" : Html.escape(g.run())).append("): ").append(Html.escape(g.reason()))
                        .append(". Its share of the load is missing from then on.</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }
}
