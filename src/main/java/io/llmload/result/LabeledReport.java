package io.llmload.result;

/** A report with the label it has in comparisons and chart legends (a file name, or {@code --label}). */
public record LabeledReport(String label, Report report) {
}
