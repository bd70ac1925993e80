package io.llmload.cli;

import io.llmload.load.RunResult;
import io.llmload.result.CheckResult;
import io.llmload.result.Report;
import io.llmload.result.RunInfo;
import io.llmload.scenario.Scenario;
import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Builds the {@link Report} document from a run's result, its scenario and its evaluated checks. */
final class ReportAssembler {
    private ReportAssembler() {
    }

    static Report assemble(Scenario scenario, RunResult r, List<CheckResult> checks) {
        RunInfo run = new RunInfo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.startedAt().atOffset(ZoneOffset.UTC)),
                round(r.durationS()), round(r.warmupS()), round(r.measuredS()), r.interrupted(), r.stopReason(),
                r.targetDescription(), scenario.target().model(), host());
        return new Report(Report.SCHEMA, new Report.Tool("llmload", Version.version(), emptyToNull(Version.commit())),
                scenario.resolved(), run, r.summary().withChecks(checks), r.timeseries(), r.histograms(), null, null, null);
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
