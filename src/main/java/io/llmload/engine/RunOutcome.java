package io.llmload.engine;

import io.llmload.report.Verdict;
import io.llmload.result.Report;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced: the report as written, how it ended, the campaign's results and every
 * file written (the report formats, then requests.jsonl and its companions).
 */
public record RunOutcome(Report report, Verdict verdict, CampaignResult campaign, List<Path> files) {
}
