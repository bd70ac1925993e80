package io.llmload.engine;

import io.llmload.check.RegressionRule;
import io.llmload.check.ThresholdSyntaxException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --baseline} and {@code --max-regression}: read and parsed before the run, so a wrong path
 * or allowance costs no benchmark time (exit 2); the engine applies them to the run's report.
 */
public final class BaselineInputs {
    private BaselineInputs() {
    }

    /**
     * Null when there is nothing to compare with (no {@code --baseline}, or an optional one that
     * does not exist yet, as on a first CI run).
     */
    public static BaselineRules parse(Path file, String maxRegression, boolean optional, PrintStream err) {
        if (file == null) {
            if (maxRegression != null) {
                throw new UsageException("--max-regression needs --baseline REPORT.json to compare with");
            }
            if (optional) {
                throw new UsageException("--baseline-optional needs --baseline REPORT.json");
            }
            return null;
        }
        List<RegressionRule> rules = rules(maxRegression == null ? RegressionRule.DEFAULTS : maxRegression, maxRegression != null);
        if (optional && !Files.exists(file)) {
            err.println("note: no baseline at " + file + " (--baseline-optional): this run is not compared with one");
            return null;
        }
        return new BaselineRules(file.toString(), ReportInputs.read(file), rules);
    }

    private static List<RegressionRule> rules(String text, boolean fromFlag) {
        try {
            return RegressionRule.parseAll(text);
        } catch (ThresholdSyntaxException e) {
            if (!fromFlag) {
                throw new IllegalStateException("the default --max-regression does not parse: " + e.getMessage(), e);
            }
            throw new UsageException("--max-regression '" + text + "' column " + e.column() + ": " + e.getMessage());
        }
    }
}
