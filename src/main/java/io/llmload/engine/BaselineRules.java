package io.llmload.engine;

import io.llmload.check.BaselineCheck;
import io.llmload.check.RegressionRule;
import io.llmload.result.Baseline;
import io.llmload.result.Report;
import java.util.List;

/**
 * An earlier report to compare the run with, and the allowed regressions ({@code --baseline},
 * {@code --max-regression}): read before the run, applied to its report afterwards.
 *
 * @param file     the baseline's path as the report names it
 * @param baseline the earlier report
 * @param rules    the allowances
 */
public record BaselineRules(String file, Report baseline, List<RegressionRule> rules) {

    /** The report with the baseline section and its checks added to {@code summary.checks}. */
    public Report apply(Report report) {
        Baseline b = BaselineCheck.compare(file, baseline, report, rules);
        return report.withBaseline(b, BaselineCheck.asChecks(b, rules));
    }
}
