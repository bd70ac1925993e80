package io.llmload.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmload.result.Report;
import io.llmload.text.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * What the time-series charts draw behind the data: the warmup as a shaded band and stage
 * boundaries as labelled lines. Stages are read from the report's JSON form, so any report that
 * carries them is drawn: {@code run.stages} as {@code [{name?, index?, start_s, end_s,
 * concurrency? | rate?, ramp?}]}, or else a {@code stage} field on the time-series points (a
 * boundary wherever it changes; negative means warmup). Reports without stages get none.
 */
public record Timeline(List<Chart.Band> bands, List<Chart.Mark> marks) {

    public static Timeline of(Report report) {
        return of((JsonNode) ReportJson.MAPPER.valueToTree(report));
    }

    /** The same from a report's JSON tree (fields this version's model does not know are still read). */
    public static Timeline of(JsonNode tree) {
        List<Chart.Band> bands = new ArrayList<>();
        double warmupS = tree.at("/run/warmup_s").asDouble(0);
        if (warmupS > 0) {
            bands.add(new Chart.Band("warmup", 0, warmupS));
        }
        List<Chart.Mark> marks = fromRunStages(tree.at("/run/stages"));
        if (marks.isEmpty()) {
            marks = fromPointStages(tree.get("timeseries"));
        }
        marks = new ArrayList<>(marks);
        marks.addAll(fromGaps(tree.at("/cluster/gaps")));
        return new Timeline(List.copyOf(bands), List.copyOf(marks));
    }

    /** Where a distributed run lost an agent (gaps of a single run; a campaign's charts show only its last run). */
    private static List<Chart.Mark> fromGaps(JsonNode gaps) {
        List<Chart.Mark> marks = new ArrayList<>();
        if (gaps != null && gaps.isArray()) {
            for (JsonNode g : gaps) {
                if (!g.hasNonNull("run")) {
                    marks.add(new Chart.Mark(g.path("agent").asText() + " lost", g.path("t_s").asDouble()));
                }
            }
        }
        return marks;
    }

    private static List<Chart.Mark> fromRunStages(JsonNode stages) {
        List<Chart.Mark> marks = new ArrayList<>();
        if (stages == null || !stages.isArray() || stages.size() < 2) {
            return marks; // one stage has no boundary to show
        }
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            if (s.hasNonNull("start_s")) {
                marks.add(new Chart.Mark(stageLabel(s, i), s.get("start_s").asDouble()));
            }
        }
        return marks;
    }

    /** "ramp-up" (a name), or "2: 32 users", "3: → 20 req/s" (a linear ramp towards 20) from the stage's fields. */
    static String stageLabel(JsonNode s, int position) {
        if (s.hasNonNull("name")) {
            return s.get("name").asText();
        }
        int number = s.hasNonNull("index") ? s.get("index").asInt() + 1 : position + 1;
        String level = s.hasNonNull("concurrency") ? Format.plain(s.get("concurrency").asDouble()) + " users"
                : s.hasNonNull("rate") ? Format.plain(s.get("rate").asDouble()) + " req/s" : null;
        if (level == null) {
            return "stage " + number;
        }
        return number + ": " + ("linear".equals(s.path("ramp").asText()) ? "→ " : "") + level;
    }

    /** The stages as one line for the report header, e.g. "1: 0–5 s → 10 req/s · 2: 5–10 s 10 req/s"; null without stages. */
    public static String describeStages(JsonNode tree) {
        JsonNode stages = tree.at("/run/stages");
        if (!stages.isArray() || stages.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            String label = stageLabel(s, i);
            int colon = label.indexOf(':');
            String range = Format.plain(Math.round(s.path("start_s").asDouble() * 10) / 10.0) + "–"
                    + Format.plain(Math.round(s.path("end_s").asDouble() * 10) / 10.0) + " s";
            parts.add(colon > 0 ? label.substring(0, colon + 1) + " " + range + label.substring(colon + 1) : label + " " + range);
        }
        return String.join(" · ", parts);
    }

    private static List<Chart.Mark> fromPointStages(JsonNode points) {
        List<Chart.Mark> marks = new ArrayList<>();
        if (points == null || !points.isArray()) {
            return marks;
        }
        String previous = null;
        double previousT = 0;
        for (JsonNode p : points) {
            JsonNode stage = p.get("stage");
            if (stage == null || stage.isNull()) {
                continue;
            }
            if (stage.isNumber() && stage.asInt() < 0) {
                continue; // -1: the warmup, which the band already shows
            }
            String name = stage.asText();
            if (previous != null && !previous.equals(name)) {
                marks.add(new Chart.Mark(stage.isNumber() ? "stage " + (stage.asInt() + 1) : name, previousT));
            }
            previous = name;
            previousT = p.path("t").asDouble();
        }
        return marks;
    }
}
