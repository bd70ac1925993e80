package io.llmload.engine;

import io.llmload.metrics.Histograms;
import io.llmload.report.ReportJson;
import io.llmload.result.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON reports named on the command line; every problem becomes a one-line {@link UsageException}. */
public final class ReportInputs {
    private ReportInputs() {
    }

    public static Report read(Path file) {
        if (Files.isDirectory(file) && Files.isRegularFile(file.resolve("report.json"))) {
            file = file.resolve("report.json"); // a run directory stands for its report
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException((Files.isDirectory(file) ? "no report.json in " : "report not found: ") + file);
        }
        try {
            Report report = ReportJson.read(file);
            checkHistograms(file, report);
            return report;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(file + " is not a readable llmload report: " + io.llmload.scenario.ParserMessages.of(e, "JSON"));
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Decodes each histogram once, so a damaged one is named here rather than failing a chart later. */
    private static void checkHistograms(Path file, Report report) {
        if (report.histograms() == null) {
            return;
        }
        report.histograms().forEach((metric, encoded) -> {
            try {
                if (encoded != null && !encoded.isEmpty()) {
                    Histograms.decode(encoded);
                }
            } catch (RuntimeException e) {
                throw new UsageException(file + ": histograms." + metric + " is not an encoded HdrHistogram");
            }
        });
    }

    /** A short name for a report: its run directory's name when the file is a run's report.json, else the file name. */
    public static String label(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return file.toString();
        }
        if (Files.isDirectory(file)) {
            return name.toString();
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (name.toString().equals("report.json") && parent != null && parent.getFileName() != null) {
            return parent.getFileName().toString();
        }
        String n = name.toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }
}
