package io.llmload.scenario;

import static io.llmload.scenario.Shape.bool;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.util.List;

/**
 * Where reports go and in which formats.
 *
 * @param recordTokens whether each line of {@code requests.jsonl} also carries its token arrival gaps ({@code itl_ms})
 */
public record ReportSpec(String dir, List<String> formats, boolean recordTokens) {

    public ReportSpec(String dir, List<String> formats) {
        this(dir, formats, false);
    }

    /** json and html reports; csv (summary.csv, timeseries.csv) for spreadsheets; junit (junit.xml) and md (summary.md) for CI pages. */
    public static final List<String> FORMATS = List.of("json", "html", "csv", "junit", "md");

    public static final Shape.Obj SHAPE = obj(
            optional("dir", str(), "reports", "directory under which each run gets <name>-<yyyyMMdd-HHmmss>/"),
            optional("formats", listOf(str(FORMATS.toArray(String[]::new))), List.of("json", "html"), "report formats to write: json, html, csv (summary.csv, timeseries.csv), junit (junit.xml for CI test reports), md (summary.md)"),
            optional("record_tokens", bool(), false, "each line of requests.jsonl also carries itl_ms: the gaps between "
                    + "its consecutive content-carrying chunks, in ms (a list as long as the answer)"));

    @SuppressWarnings("unchecked")
    static ReportSpec from(ObjView v) {
        return new ReportSpec(v.str("dir"), List.copyOf((List<String>) v.plain("formats")), v.bool("record_tokens"));
    }
}
