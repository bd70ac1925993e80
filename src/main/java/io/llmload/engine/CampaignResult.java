package io.llmload.engine;

import io.llmload.load.RunResult;
import io.llmload.result.Comparison;
import io.llmload.result.InputCounts;
import io.llmload.result.Point;
import io.llmload.result.Repeats;
import io.llmload.result.Search;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import io.llmload.workload.InputTokenTally;
import java.util.List;
import java.util.Map;

/**
 * Everything a campaign measured: every run in order, the summary the report leads with (checks
 * included), its histograms, and the optional parts (points, search, variants with comparisons,
 * repeat statistics), and the prompt tokens the workload counted for the summary's run (null when
 * the summary covers several workloads, as with variants), and what the requests of that run carried
 * besides text ({@code inputs}, null when nothing but text or not counted).
 */
public record CampaignResult(List<RunResult> runs, Summary summary, Map<String, String> histograms, List<Point> points, Search search,
                      List<VariantSummary> variants, List<Comparison> comparison, Repeats repeats, InputTokenTally sent,
                      InputCounts inputs) {

    public CampaignResult(List<RunResult> runs, Summary summary, Map<String, String> histograms, List<Point> points, Search search,
                          List<VariantSummary> variants, List<Comparison> comparison, Repeats repeats, InputTokenTally sent) {
        this(runs, summary, histograms, points, search, variants, comparison, repeats, sent, null);
    }

    public RunResult last() {
        return runs.get(runs.size() - 1);
    }

    /** A one-line reason when every run failed to get a single success, else null. */
    public String failure() {
        return runs.stream().allMatch(r -> r.failure() != null) ? last().failure() : null;
    }

    public boolean interrupted() {
        return runs.stream().anyMatch(RunResult::interrupted);
    }
}
