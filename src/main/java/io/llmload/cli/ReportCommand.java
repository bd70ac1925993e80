package io.llmload.cli;

import io.llmload.engine.ReportInputs;
import io.llmload.engine.UsageException;
import io.llmload.report.HtmlReport;
import io.llmload.result.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code llmload report REPORT.json --out report.html}: rebuild the HTML report from a JSON report. */
@Command(name = "report", description = "Re-render the HTML report from a JSON report.",
        footer = {"", "Examples:", "  llmload report reports/quickstart-20250101-120000/report.json --out quickstart.html",
            "  llmload report old-run.json            (writes old-run.html beside it)",
            "", "Exit codes: 0 written, 2 not a readable llmload.report/v1 file, 3 the HTML could not be written."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REPORT.json", description = "a JSON report (or a run directory holding report.json)")
    Path input;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "the HTML file to write (default: the input with .html)")
    Path out;

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
        Report report = ReportInputs.read(input);
        Path target = out != null ? out : defaultOutput(input);
        try {
            HtmlReport.write(report, target);
        } catch (IOException e) {
            console.err().println("error: cannot write " + target + ": " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        console.out().println("report: " + target);
        return ExitCodes.OK;
    }

    private static Path defaultOutput(Path input) {
        Path file = input.toFile().isDirectory() ? input.resolve("report.json") : input;
        String name = file.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return file.resolveSibling(stem + ".html");
    }
}
