package io.llmload.scenario;

import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.util.List;

/** Where reports go and in which formats. */
public record ReportSpec(String dir, List<String> formats) {

    /** json and html reports; csv (summary.csv, timeseries.csv) for spreadsheets; junit (junit.xml) and md (summary.md) for CI pages. */
    public static final List<String> FORMATS = List.of("json", "html", "csv", "junit", "md");

    public static final Shape.Obj SHAPE = obj(
            optional("dir", str(), "reports", "directory under which each run gets <name>-<yyyyMMdd-HHmmss>/"),
            optional("formats", listOf(str(FORMATS.toArray(String[]::new))), List.of("json", "html"), "report formats to write: json, html, csv (summary.csv, timeseries.csv), junit (junit.xml for CI test reports), md (summary.md)"));

    @SuppressWarnings("unchecked")
    static ReportSpec from(ObjView v) {
        return new ReportSpec(v.str("dir"), List.copyOf((List<String>) v.plain("formats")));
    }
}
