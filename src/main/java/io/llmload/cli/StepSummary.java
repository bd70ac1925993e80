package io.llmload.cli;

import io.llmload.report.MarkdownSummary;
import io.llmload.report.Verdict;
import io.llmload.result.Report;
import io.llmload.scenario.KnownSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends the Markdown summary to the GitHub Actions job summary: the file named by
 * {@code GITHUB_STEP_SUMMARY}, which several steps append to (never overwrite it). A failure to
 * write it is a warning, not a failed run.
 */
final class StepSummary {
    static final String ENV = "GITHUB_STEP_SUMMARY";

    private StepSummary() {
    }

    static void append(Console console, Report report, Verdict verdict) {
        String target = console.env().apply(ENV);
        if (target == null || target.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(target), KnownSecrets.scrub(MarkdownSummary.render(report, verdict)) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            console.err().println("warning: cannot append the summary to " + ENV + " (" + target + "): " + e.getMessage());
        }
    }
}
