package io.llmload.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names the shipped Grafana dashboard (docs/grafana-dashboard.json) queries. */
public final class Dashboard {
    public static final Path FILE = Path.of("docs/grafana-dashboard.json");
    private static final Pattern NAME = Pattern.compile("\\b(?:llmload_|vertx_|vllm:|process_|jvm_)[A-Za-z0-9_:]*");

    private Dashboard() {
    }

    public static Set<String> metricNames() throws IOException {
        JsonNode d = new ObjectMapper().readTree(FILE.toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : d.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = NAME.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** Every name a scrape exposes as a sample. */
    public static Set<String> sampleNames(Exposition e) {
        Set<String> names = new TreeSet<>();
        e.samples().forEach(s -> names.add(s.name()));
        return names;
    }
}
