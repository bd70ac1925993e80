package io.llmload.engine;

import io.llmload.check.AbortRule;
import io.llmload.check.Threshold;
import io.llmload.check.ThresholdEvaluator;
import io.llmload.check.ThresholdParser;
import io.llmload.check.ThresholdSyntaxException;
import io.llmload.client.Api;
import io.llmload.scenario.Location;
import io.llmload.scenario.Problem;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ThresholdSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the scenario's thresholds and those given with {@code --threshold}, reporting a syntax
 * error at the exact column of the file (or of the flag), with the expression and a caret.
 */
public final class ThresholdInputs {
    private ThresholdInputs() {
    }

    public static List<Threshold> parse(Scenario scenario, List<String> flags) throws ScenarioException {
        List<Threshold> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < scenario.thresholds().size(); i++) {
            parseSpec(scenario.thresholds().get(i), "thresholds[" + i + "]", out, problems);
        }
        List<Location> where = new ArrayList<>();
        for (int i = 0; i < scenario.thresholds().size(); i++) {
            where.add(scenario.thresholds().get(i).location());
        }
        int fromFile = out.size();
        for (String flag : flags) {
            parseOne(flag, Location.flag("--threshold '" + flag + "'"), null, out, problems);
        }
        if (problems.isEmpty()) {
            measurable(scenario, out, fromFile, where, "thresholds", problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return out;
    }

    /**
     * A threshold on a metric the scenario's API does not have (ttft of embeddings, items_per_s of
     * chat) would fail every run with no sample: refused before the run, at its expression.
     */
    private static void measurable(Scenario scenario, List<Threshold> thresholds, int fromFile, List<Location> where, String path,
                                   List<Problem> problems) {
        Api api;
        try {
            api = Api.of(scenario.target().api());
        } catch (IllegalArgumentException e) {
            return; // the scenario's own validation names an unknown api
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            String why = null;
            if (api.itemsLabel() != null && ThresholdEvaluator.TOKEN_STREAM_METRICS.contains(t.metric())) {
                why = "target.api " + api.key() + " answers with " + api.itemsLabel() + ", not a stream of tokens, so " + t.metric()
                        + " is not measured; use e2e, requests_per_s, input_tokens_per_s or items_per_s";
            } else if (api.itemsLabel() == null && (t.metric().equals("items_per_s") || t.metric().equals("input_tokens_per_s"))) {
                why = t.metric() + " is measured for target.api embeddings and rerank only; use output_tokens_per_s or total_tokens_per_s";
            }
            if (why != null) {
                Location at = i < fromFile && i < where.size() ? where.get(i) : Location.flag("--threshold '" + t.expr() + "'");
                problems.add(new Problem(at, i < fromFile ? path + "[" + i + "]" : null, why));
            }
        }
    }

    /** Parses threshold specs from another part of the scenario (a variant's thresholds, find_max.until). */
    public static List<Threshold> parseSpecs(List<ThresholdSpec> specs, String path) throws ScenarioException {
        return parseSpecs(specs, path, null);
    }

    /**
     * Parses threshold specs from another part of the scenario and, with {@code scenario} (the
     * variant's own, derived one), refuses those on a metric its API does not have, as for the
     * top-level thresholds.
     */
    public static List<Threshold> parseSpecs(List<ThresholdSpec> specs, String path, Scenario scenario) throws ScenarioException {
        List<Threshold> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            parseSpec(specs.get(i), path + "[" + i + "]", out, problems);
        }
        if (problems.isEmpty() && scenario != null) {
            measurable(scenario, out, out.size(), specs.stream().map(ThresholdSpec::location).toList(), path, problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return out;
    }

    /** Parses one spec; an abort_on_fail threshold that can never be decided early is a problem at its expression. */
    private static void parseSpec(ThresholdSpec spec, String path, List<Threshold> out, List<Problem> problems) {
        int before = out.size();
        parseOne(spec.expr(), spec.location(), path, out, problems);
        if (out.size() == before) {
            return;
        }
        if (!spec.abortOnFail()) {
            if (spec.minRequests() != null) {
                problems.add(new Problem(spec.location(), path, "min_requests only applies with abort_on_fail: true"));
            }
            return;
        }
        Threshold t = out.get(before).aborting(spec.minRequests());
        String why = AbortRule.unsupported(t);
        if (why != null) {
            problems.add(new Problem(spec.location(), path, why));
        }
        out.set(before, t);
    }

    private static void parseOne(String expr, Location at, String path, List<Threshold> out, List<Problem> problems) {
        try {
            out.add(ThresholdParser.parse(expr));
        } catch (ThresholdSyntaxException e) {
            Location where = at.isFlag() ? at : at.shifted(quoteOffset(at) + e.column() - 1);
            String caret = "\n    " + expr + "\n    " + " ".repeat(Math.max(0, e.column() - 1)) + "^";
            String flagColumn = at.isFlag() ? " (column " + e.column() + ")" : "";
            problems.add(new Problem(where, path, e.getMessage() + flagColumn + caret));
        }
    }

    /** 1 when the value at this location is written in quotes (the column then points at the quote). */
    private static int quoteOffset(Location at) {
        try {
            List<String> lines = Files.readAllLines(Path.of(at.source()));
            String line = lines.get(at.line() - 1);
            char c = line.charAt(at.column() - 1);
            return c == '"' || c == '\'' ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
