package io.llmload.cli;

import io.llmload.engine.ReportInputs;
import io.llmload.engine.UsageException;
import io.llmload.report.Ansi;
import io.llmload.report.Charts;
import io.llmload.report.CompareHtml;
import io.llmload.report.ComparisonText;
import io.llmload.result.LabeledReport;
import io.llmload.stats.ReportComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmload compare A.json B.json...}: reports side by side, changes against the first, an optional HTML page. */
@Command(name = "compare", description = "Compare JSON reports side by side against the first one.",
        footer = {"", "A change is marked worse or better only when it is at least --noise percent (and --noise-ms for",
            "latencies) and, for percentiles, outside both runs' 95% confidence intervals (from the histograms);",
            "error rates use a two-proportion test.",
            "", "Examples:", "  llmload compare reports/base/report.json reports/fp8/report.json",
            "  llmload compare base.json new.json --out compare.html --noise 10 --fail-on-regression",
            "", "Exit codes: 0 compared, 1 a regression with --fail-on-regression, 2 bad usage or not llmload.report/v1 files,",
            "3 the HTML could not be written."})
final class CompareCommand implements Callable<Integer> {
    /** Run-to-run differences of a few percent are common on shared machines; smaller changes are noise. */
    static final double DEFAULT_NOISE_PCT = 5;

    @ParentCommand
    Main main;

    @Parameters(arity = "2..*", paramLabel = "REPORT.json", description = "JSON reports (or run directories); the first is the baseline")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "also write an HTML page overlaying the distributions and time series")
    Path out;

    @Option(names = "--noise", paramLabel = "PCT", description = "smallest change, in percent, that can count as worse or better (default: ${DEFAULT-VALUE})")
    double noisePct = DEFAULT_NOISE_PCT;

    @Option(names = "--noise-ms", paramLabel = "MS", description = "smallest latency change, in ms, that can count (default: ${DEFAULT-VALUE})")
    double noiseMs = ReportComparison.DEFAULT_NOISE_MS;

    @Option(names = "--label", paramLabel = "NAME", description = "a name per report, in order (default: the run directory or file name)")
    List<String> labels = new ArrayList<>();

    @Option(names = "--fail-on-regression", description = "exit with 1 when anything is worse beyond noise")
    boolean failOnRegression;

    @Override
    public Integer call() {
        Console console = main.console();
        try {
            return execute(console);
        } catch (UsageException e) {
            return Problems.usage(e, console.err());
        }
    }

    private int execute(Console console) {
        if (!(noisePct >= 0) || noisePct > 1000) {
            throw new UsageException("--noise must be a percentage between 0 and 1000, got " + noisePct);
        }
        if (!(noiseMs >= 0)) {
            throw new UsageException("--noise-ms must be 0 or more, got " + noiseMs);
        }
        if (labels.size() > inputs.size()) {
            throw new UsageException("--label given " + labels.size() + " times for " + inputs.size() + " reports");
        }
        List<LabeledReport> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> names = names();
        for (int i = 0; i < inputs.size(); i++) {
            runs.add(new LabeledReport(names.get(i), ReportInputs.read(inputs.get(i))));
            sources.add(inputs.get(i).toString());
        }
        ReportComparison comparison = ReportComparison.of(runs, noisePct, noiseMs);
        console.out().print(ComparisonText.render(comparison, sources, TerminalInfo.ansi(console)));
        if (out != null) {
            try {
                CompareHtml.write(comparison, sources, out);
            } catch (IOException e) {
                console.err().println("error: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.RUN_FAILED;
            }
            console.out().println("compare: " + out);
        }
        return failOnRegression && !comparison.regressions().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** Given labels first, then derived ones; duplicates get their position appended so legends stay distinct. */
    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            names.add(i < labels.size() ? labels.get(i) : ReportInputs.label(inputs.get(i)));
        }
        Map<String, Integer> seen = new HashMap<>();
        names.forEach(n -> seen.merge(n, 1, Integer::sum));
        for (int i = 0; i < names.size(); i++) {
            if (seen.get(names.get(i)) > 1) {
                names.set(i, names.get(i) + " (#" + (i + 1) + ")");
            }
        }
        return names;
    }
}
