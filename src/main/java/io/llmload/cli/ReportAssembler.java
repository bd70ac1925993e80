package io.llmload.cli;

import io.llmload.load.RunResult;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.scenario.Scenario;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds the {@link Report} document from a campaign's result and its scenario. */
final class ReportAssembler {
    private ReportAssembler() {
    }

    static Report assemble(Scenario scenario, CampaignResult c) {
        RunResult first = c.runs().get(0);
        RunResult last = c.last();
        double duration = c.runs().stream().mapToDouble(RunResult::durationS).sum();
        double measured = c.runs().stream().mapToDouble(RunResult::measuredS).sum();
        String stopReason = c.interrupted() ? "interrupted" : last.stopReason();
        RunInfo run = new RunInfo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(first.startedAt().atOffset(ZoneOffset.UTC)),
                round(duration), round(last.warmupS()), round(measured), c.interrupted(), stopReason, last.targetDescription(),
                scenario.target().model(), host(), last.load(), last.steadyState(), last.stages().isEmpty() ? null : last.stages());
        return new Report(Report.SCHEMA, new Report.Tool("llmload", Version.version(), emptyToNull(Version.commit())),
                scenario.resolved(), run, c.summary(), last.timeseries(), c.histograms(), c.points(), c.search(), c.variants(),
                c.comparison(), c.repeats());
    }

    static RunInfo.Host host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            name = "unknown";
        }
        return new RunInfo.Host(name, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() || s.startsWith("$") ? null : s;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
