package io.llmload.engine;

import io.llmload.report.ReportFiles;
import io.llmload.report.Verdict;
import io.llmload.result.ClusterInfo;
import io.llmload.result.RecordsInfo;
import io.llmload.result.Report;
import io.llmload.result.ServerMetrics;
import io.llmload.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The last step of a run, local or distributed: assembles the report (server metrics, abort,
 * request records, baseline), decides the verdict and writes the report files.
 */
public final class RunReport {
    /**
     * What the report adds to the campaign's results; each part null when the run had none.
     *
     * @param cluster       a distributed run's agents
     * @param serverMetrics what was scraped from the server
     * @param aborted       the abort rule that stopped the run
     * @param records       what became of requests.jsonl's records
     * @param baseline      the report to compare with
     * @param signalled     whether {@link BenchmarkRun#interrupt()} (a signal) stopped the run
     */
    public record Parts(ClusterInfo cluster, ServerMetrics serverMetrics, AbortWatch.Aborted aborted, RecordsInfo records,
            BaselineRules baseline, boolean signalled) {
    }

    private RunReport() {
    }

    /** Writes the reports into {@code dir}; {@code alreadyWritten} (requests.jsonl…) is listed after them. */
    public static RunOutcome write(Scenario s, CampaignResult result, Parts parts, Path dir, List<Path> alreadyWritten,
            ToIntFunction<String> exitCodes) throws IOException {
        Report report = ReportAssembler.assemble(s, result, parts.cluster()).withServerMetrics(parts.serverMetrics());
        if (parts.aborted() != null) {
            report = report.withRun(report.run().withAbortedBy(parts.aborted().info()));
        }
        if (parts.records() != null) {
            report = report.withRun(report.run().withRequestRecords(parts.records()));
        }
        if (parts.baseline() != null) {
            report = parts.baseline().apply(report);
        }
        Verdict verdict = RunVerdict.of(result, report, parts.signalled(), parts.aborted(), exitCodes);
        List<Path> files = new ArrayList<>(ReportFiles.write(report, dir, s.report().formats(), verdict));
        files.addAll(alreadyWritten);
        return new RunOutcome(report, verdict, result, List.copyOf(files));
    }
}
