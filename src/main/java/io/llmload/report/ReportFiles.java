package io.llmload.report;

import io.llmload.result.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Writes a report in the requested formats into one directory and names that directory. */
public final class ReportFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ReportFiles() {
    }

    /** {@code <base>/<name>-<yyyyMMdd-HHmmss>}, with a numeric suffix if that already exists. */
    public static Path runDirectory(Path base, String scenarioName, LocalDateTime time) {
        String safe = scenarioName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        String stem = (safe.isEmpty() ? "run" : safe) + "-" + STAMP.format(time);
        Path dir = base.resolve(stem);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve(stem + "-" + i);
        }
        return dir;
    }

    /** Writes every format; returns the files written, in order. */
    public static List<Path> write(Report report, Path dir, List<String> formats) throws IOException {
        return write(report, dir, formats, null);
    }

    /**
     * Writes every format ({@code json}, {@code html}, {@code csv} as {@code summary.csv} and
     * {@code timeseries.csv}, {@code junit} as {@code junit.xml}, {@code md} as {@code summary.md});
     * the CI formats repeat {@code verdict} (may be null). Returns the files written, in order.
     */
    public static List<Path> write(Report report, Path dir, List<String> formats, Verdict verdict) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (String format : formats) {
            if (format.equals("csv")) {
                written.addAll(CsvReport.write(report, dir));
                continue;
            }
            Path file = dir.resolve(fileName(format));
            switch (format) {
                case "json" -> ReportJson.write(report, file);
                case "html" -> HtmlReport.write(report, file);
                case "junit" -> JunitReport.write(report, verdict, file);
                case "md" -> MarkdownSummary.write(report, verdict, file);
                default -> throw new IllegalArgumentException("unknown report format " + format);
            }
            written.add(file);
        }
        return written;
    }

    /** The file a format is written to inside a run's directory. */
    public static String fileName(String format) {
        return switch (format) {
            case "junit" -> "junit.xml";
            case "md" -> "summary.md";
            default -> "report." + format;
        };
    }
}
