package io.llmload.engine;

import io.llmload.check.Threshold;
import io.llmload.check.ThresholdEvaluator;
import io.llmload.engine.AbortWatch;
import io.llmload.engine.CampaignResult;
import io.llmload.engine.LoadLevel;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.ThresholdInputs;
import io.llmload.engine.Trials;
import io.llmload.load.LaneResult;
import io.llmload.load.RunResult;
import io.llmload.load.campaign.Pareto;
import io.llmload.load.campaign.RateSearch;
import io.llmload.metrics.SummaryMerger;
import io.llmload.record.RunTags;
import io.llmload.result.CheckResult;
import io.llmload.result.Point;
import io.llmload.result.Repeats;
import io.llmload.result.Search;
import io.llmload.result.Summary;
import io.llmload.result.VariantSummary;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Problem;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.SweepSpec;
import io.llmload.scenario.ThresholdSpec;
import io.llmload.scenario.VariantsSpec;
import io.llmload.stats.RepeatStatistics;
import io.llmload.stats.VariantComparator;
import io.llmload.workload.InputTokenTally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs every trial a scenario asks for — repeats, sweep points, SLO-search probes, variants
 * (sequential or interleaved) — and gathers them into a {@link CampaignResult}. Every derived
 * scenario is loaded and validated before the first request is sent.
 */
public final class Campaign {
    private final ScenarioSource source;
    private final Scenario base;
    private final List<Threshold> thresholds;
    private final Trials runner;
    private int runNumber; // the runs in the order they ran, from 1: requests.jsonl's "run"
    private final RunConsole console;

    public Campaign(ScenarioSource source, Scenario base, List<Threshold> thresholds, Trials runner, RunConsole console) {
        this.source = source;
        this.base = base;
        this.thresholds = thresholds;
        this.runner = runner;
        this.console = console;
    }

    /** Checks that every derived scenario is valid, so a typo in the last variant fails before anything runs. */
    public void validate() throws ScenarioException {
        validateDerived(source, base, console.env());
    }

    /**
     * Checks every variant and sweep point derived from {@code base} as a run would build it, and
     * reports the problems of all of them at once (a file with three bad variants takes one pass).
     */
    public static void validateDerived(ScenarioSource source, Scenario base, Function<String, String> env) throws ScenarioException {
        List<Problem> problems = new ArrayList<>();
        if (base.variants() != null) {
            for (VariantsSpec.Variant v : base.variants().list()) {
                collect(problems, () -> PlanFactory.plan(source.derive(variantOverrides(v)), env));
                collect(problems, () -> ThresholdInputs.parseSpecs(v.thresholds(), "variants." + v.name() + ".thresholds",
                        source.derive(variantOverrides(v))));
            }
        }
        SweepSpec sweep = base.sweep();
        if (sweep != null && sweep.findMax() != null) {
            collect(problems, () -> ThresholdInputs.parseSpecs(sweep.findMax().until(), "sweep.find_max.until", base));
            collect(problems, () -> source.derive(LoadLevel.rate(Double.toString(sweep.findMax().rateFrom()), "sweep.find_max")));
        } else if (sweep != null) {
            for (Overrides.Override o : pointOverrides(sweep, 0)) {
                collect(problems, () -> source.derive(List.of(o)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems.stream().distinct().toList());
        }
    }

    private interface Check {
        Object run() throws ScenarioException;
    }

    private static void collect(List<Problem> problems, Check check) {
        try {
            check.run();
        } catch (ScenarioException e) {
            problems.addAll(e.problems());
        }
    }

    public CampaignResult execute() throws ScenarioException, ExecutionException, InterruptedException {
        SweepSpec sweep = base.sweep();
        if (base.variants() != null) {
            return base.variants().interleaved() ? interleaved() : sequentialVariants();
        }
        if (sweep != null && sweep.findMax() != null) {
            return findMax(sweep.findMax());
        }
        if (sweep != null) {
            return sweep(sweep);
        }
        Trial t = repeated(base, null, watch(thresholds, 0, null), null, null);
        Summary summary = t.merged.withChecks(checks(thresholds, t.merged, t.abort, 0));
        return new CampaignResult(t.runs, summary, t.histograms, null, null, null, null, t.repeats(), sentByLastRun(),
                runner.lastInputs());
    }

    private InputTokenTally sentByLastRun() {
        return runner.lastSent();
    }

    // ---- one scenario, repeated ----

    /** The runs of one scenario (repeat times) and their merge. */
    private static final class Trial {
        final List<RunResult> runs = new ArrayList<>();
        Summary merged;
        AbortWatch.Aborted abort;
        Map<String, String> histograms;

        Repeats repeats() {
            return runs.size() > 1 ? RepeatStatistics.of(runs.stream().map(RunResult::summary).toList()) : null;
        }

        void merge() {
            merged = SummaryMerger.merge(runs.stream().map(r -> new SummaryMerger.Part(r.summary(), r.histograms(), r.measuredS())).toList());
            histograms = runs.size() == 1 ? runs.get(0).histograms()
                    : SummaryMerger.mergeHistograms(runs.stream().map(RunResult::histograms).toList());
        }
    }

    /** {@code variant} and {@code sweepPoint} tag the runs' request records (null when not one). */
    private Trial repeated(Scenario scenario, String label, List<AbortWatch.Watched> watched, String variant, Integer sweepPoint)
            throws ScenarioException, ExecutionException, InterruptedException {
        Trial t = new Trial();
        for (int r = 0; r < base.repeat() && !runner.halted(); r++) {
            String what = label == null ? null : label;
            if (base.repeat() > 1) {
                what = (label == null ? "" : label + ", ") + "repeat " + (r + 1) + "/" + base.repeat();
            }
            t.runs.add(runner.run(Trials.Spec.of(scenario, r, new RunTags(++runNumber, variant, sweepPoint, false)), what, watched));
            if (runner.lastAborted() != null) {
                t.abort = runner.lastAborted();
            }
        }
        t.merge();
        return t;
    }

    // ---- sweeps ----

    private CampaignResult sweep(SweepSpec sweep) throws ScenarioException, ExecutionException, InterruptedException {
        int n = sweep.concurrency() != null ? sweep.concurrency().size() : sweep.rate().size();
        List<Trial> trials = new ArrayList<>();
        List<Map<String, Object>> settings = new ArrayList<>();
        for (int i = 0; i < n && !runner.halted(); i++) {
            Map<String, Object> setting = pointSetting(sweep, i);
            settings.add(setting);
            trials.add(repeated(source.derive(pointOverrides(sweep, i)), "sweep point " + (i + 1) + "/" + n + ": " + describe(setting),
                    watch(thresholds, 0, describe(setting)), null, i));
        }
        // A point cut short by Ctrl-C measured less than its setting asks: it takes no part in the front.
        boolean[] cut = new boolean[trials.size()];
        double[] throughput = new double[trials.size()];
        double[] latency = new double[trials.size()];
        for (int i = 0; i < cut.length; i++) {
            cut[i] = trials.get(i).runs.stream().anyMatch(RunResult::interrupted);
            throughput[i] = cut[i] ? Double.NEGATIVE_INFINITY : trials.get(i).merged.throughput().outputTokensPerS();
            latency[i] = cut[i] ? Double.POSITIVE_INFINITY : trials.get(i).merged.latency("ttft").p99();
        }
        boolean[] front = Pareto.optimal(throughput, latency);
        List<Point> points = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            points.add(new Point(settings.get(i), t.merged.withChecks(checks(thresholds, t.merged, t.abort, 0)), front[i] && !cut[i], null,
                    t.repeats()));
            runs.addAll(t.runs);
        }
        Point last = points.get(points.size() - 1);
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            for (CheckResult c : points.get(i).summary().checks()) {
                checks.add(new CheckResult("[" + describe(settings.get(i)) + "] " + c.expr(), c.value(), c.passed(), c.detail()));
            }
        }
        Trial lastTrial = trials.get(trials.size() - 1);
        return new CampaignResult(runs, last.summary().withChecks(checks), lastTrial.histograms, points, null, null, null, lastTrial.repeats(),
                sentByLastRun(), runner.lastInputs());
    }

    private static List<Overrides.Override> pointOverrides(SweepSpec sweep, int i) {
        if (sweep.concurrency() != null) {
            return LoadLevel.concurrency(Integer.toString(sweep.concurrency().get(i)), "sweep.concurrency[" + i + "]");
        }
        return LoadLevel.rate(Double.toString(sweep.rate().get(i)), "sweep.rate[" + i + "]");
    }

    private static Map<String, Object> pointSetting(SweepSpec sweep, int i) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (sweep.concurrency() != null) {
            m.put("concurrency", sweep.concurrency().get(i));
        } else {
            m.put("rate", sweep.rate().get(i));
        }
        return m;
    }

    // ---- SLO search ----

    private CampaignResult findMax(SweepSpec.FindMax fm) throws ScenarioException, ExecutionException, InterruptedException {
        List<Threshold> until = ThresholdInputs.parseSpecs(fm.until(), "sweep.find_max.until");
        List<Point> points = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        RateSearch.Result result;
        try {
            result = RateSearch.search(fm.rateFrom(), fm.rateTo(), fm.precision(), fm.stepFactor(), rate -> {
                if (runner.interrupted()) {
                    throw new InterruptedException("interrupted");
                }
                // Probes are meant to fail when the rate is too high, so abort_on_fail does not apply to them.
                Trial t = repeated(source.derive(LoadLevel.rate(Double.toString(rate), "sweep.find_max")),
                        String.format(java.util.Locale.ROOT, "SLO search probe %d: rate=%.3f req/s", points.size() + 1, rate), List.of(),
                        null, points.size());
                List<CheckResult> evidence = ThresholdEvaluator.evaluate(until, t.merged);
                boolean passed = !t.runs.get(0).interrupted() && evidence.stream().allMatch(CheckResult::passed);
                Map<String, Object> setting = new LinkedHashMap<>();
                setting.put("rate", round(rate));
                points.add(new Point(setting, t.merged.withChecks(evidence), null, passed, t.repeats()));
                trials.add(t);
                return passed;
            });
        } catch (InterruptedException e) {
            result = new RateSearch.Result(null, "stopped", List.of());
        } catch (ScenarioException | ExecutionException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException(e);
        }
        int best = -1;
        for (int i = 0; i < points.size(); i++) {
            if (Boolean.TRUE.equals(points.get(i).passed()) && (best < 0
                    || ((Number) points.get(i).settings().get("rate")).doubleValue() > ((Number) points.get(best).settings().get("rate")).doubleValue())) {
                best = i;
            }
        }
        int chosen = best >= 0 ? best : points.size() - 1;
        Trial shown = trials.get(Math.max(0, chosen));
        List<CheckResult> checks = new ArrayList<>(ThresholdEvaluator.evaluate(thresholds, shown.merged));
        String found = "find_max: a rate in [" + fm.rateFrom() + ", " + fm.rateTo() + "] req/s met every SLO";
        checks.add(new CheckResult(found, result.maxRate(), result.maxRate() != null,
                result.maxRate() == null ? "no probed rate met " + String.join(", ", fm.until().stream().map(ThresholdSpec::expr).toList()) : null));
        Search search = new Search(result.maxRate() == null ? null : round(result.maxRate()), result.outcome(),
                fm.until().stream().map(ThresholdSpec::expr).toList(), fm.rateFrom(), fm.rateTo(), fm.precision(), points.size());
        List<RunResult> runs = new ArrayList<>();
        trials.forEach(t -> runs.addAll(t.runs));
        return new CampaignResult(runs, shown.merged.withChecks(checks), shown.histograms, points, search, null, null, shown.repeats(), null);
    }

    // ---- variants ----

    private CampaignResult sequentialVariants() throws ScenarioException, ExecutionException, InterruptedException {
        List<VariantsSpec.Variant> list = base.variants().list();
        List<VariantComparator.VariantData> data = new ArrayList<>();
        List<VariantSummary> summaries = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < list.size() && !runner.halted(); i++) {
            VariantsSpec.Variant v = list.get(i);
            Trial t = repeated(source.derive(variantOverrides(v)), "variant " + (i + 1) + "/" + list.size() + ": " + v.name(),
                    watch(variantThresholds(v), 0, v.name()), v.name(), null);
            runs.addAll(t.runs);
            Summary checked = t.merged.withChecks(variantChecks(v, t.merged, checks, t.abort, 0));
            summaries.add(new VariantSummary(v.name(), settingsOf(v), checked, t.repeats()));
            data.add(new VariantComparator.VariantData(v.name(), t.merged, t.histograms, t.runs.stream().map(RunResult::summary).toList()));
        }
        Summary all = SummaryMerger.merge(runs.stream().map(r -> new SummaryMerger.Part(r.summary(), r.histograms(), r.measuredS())).toList());
        Map<String, String> histograms = SummaryMerger.mergeHistograms(runs.stream().map(RunResult::histograms).toList());
        return new CampaignResult(runs, all.withChecks(checks), histograms, null, null, summaries,
                data.size() > 1 ? VariantComparator.compare(data, false) : List.of(), null, null);
    }

    private CampaignResult interleaved() throws ScenarioException, ExecutionException, InterruptedException {
        List<VariantsSpec.Variant> list = base.variants().list();
        List<PlanFactory.NamedScenario> lanes = new ArrayList<>();
        for (VariantsSpec.Variant v : list) {
            lanes.add(new PlanFactory.NamedScenario(v.name(), source.derive(variantOverrides(v))));
        }
        List<AbortWatch.Watched> watched = new ArrayList<>();
        for (int l = 0; l < list.size(); l++) {
            watched.addAll(watch(variantThresholds(list.get(l)), l, list.get(l).name()));
        }
        List<RunResult> runs = new ArrayList<>();
        for (int r = 0; r < base.repeat() && !runner.halted(); r++) {
            String label = "interleaved variants " + String.join(", ", list.stream().map(VariantsSpec.Variant::name).toList())
                    + " in " + base.variants().slice().toSeconds() + " s slices" + (base.repeat() > 1 ? ", repeat " + (r + 1) + "/" + base.repeat() : "");
            runs.add(runner.run(new Trials.Spec(base, lanes, base.variants().slice().toNanos(), r,
                    new RunTags(++runNumber, null, null, true)), label, watched));
        }
        List<VariantComparator.VariantData> data = new ArrayList<>();
        List<VariantSummary> summaries = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        for (int l = 0; l < list.size(); l++) {
            int lane = l;
            List<LaneResult> laneRuns = runs.stream().map(r -> r.lanes().get(lane)).toList();
            Summary merged = SummaryMerger.merge(laneRuns.stream().map(x -> new SummaryMerger.Part(x.summary(), x.histograms(), x.measuredS())).toList());
            Map<String, String> histograms = SummaryMerger.mergeHistograms(laneRuns.stream().map(LaneResult::histograms).toList());
            List<Summary> perRun = laneRuns.stream().map(LaneResult::summary).toList();
            VariantsSpec.Variant v = list.get(l);
            summaries.add(new VariantSummary(v.name(), settingsOf(v), merged.withChecks(variantChecks(v, merged, checks, runner.aborted(), l)),
                    perRun.size() > 1 ? RepeatStatistics.of(perRun) : null));
            data.add(new VariantComparator.VariantData(v.name(), merged, histograms, perRun));
        }
        Summary all = SummaryMerger.merge(runs.stream().map(r -> new SummaryMerger.Part(r.summary(), r.histograms(), r.measuredS())).toList());
        Map<String, String> histograms = SummaryMerger.mergeHistograms(runs.stream().map(RunResult::histograms).toList());
        return new CampaignResult(runs, all.withChecks(checks), histograms, null, null, summaries,
                data.size() > 1 ? VariantComparator.compare(data, true) : List.of(), null, null);
    }

    private List<Threshold> variantThresholds(VariantsSpec.Variant v) throws ScenarioException {
        List<Threshold> own = new ArrayList<>(thresholds);
        own.addAll(ThresholdInputs.parseSpecs(v.thresholds(), "variants." + v.name() + ".thresholds"));
        return own;
    }

    private List<CheckResult> variantChecks(VariantsSpec.Variant v, Summary s, List<CheckResult> all, AbortWatch.Aborted abort, int lane)
            throws ScenarioException {
        List<CheckResult> checks = checks(variantThresholds(v), s, abort, lane);
        checks.forEach(c -> all.add(new CheckResult("[" + v.name() + "] " + c.expr(), c.value(), c.passed(), c.detail())));
        return checks;
    }

    /** The abort_on_fail thresholds among {@code list}, to watch on lane {@code lane}. */
    private static List<AbortWatch.Watched> watch(List<Threshold> list, int lane, String scope) {
        return list.stream().filter(Threshold::abortOnFail).map(t -> new AbortWatch.Watched(lane, scope, t)).toList();
    }

    /**
     * Evaluates {@code list} on the final summary. The threshold that stopped the run (on this
     * lane) fails whatever the drained requests did afterwards: it was decided when it fired.
     */
    private static List<CheckResult> checks(List<Threshold> list, Summary s, AbortWatch.Aborted abort, int lane) {
        List<CheckResult> out = new ArrayList<>(ThresholdEvaluator.evaluate(list, s));
        for (int i = 0; abort != null && abort.lane() == lane && i < list.size(); i++) {
            if (list.get(i).equals(abort.threshold())) {
                CheckResult c = out.get(i);
                out.set(i, new CheckResult(c.expr(), c.value(), false, "stopped the run (abort_on_fail): " + abort.evidence()));
                break;
            }
        }
        return out;
    }

    private static List<Overrides.Override> variantOverrides(VariantsSpec.Variant v) {
        List<Overrides.Override> out = new ArrayList<>();
        v.set().forEach((path, node) -> out.add(Overrides.Override.ofNode(path, node, "variant " + v.name() + " set " + path)));
        return out;
    }

    private static Map<String, Object> settingsOf(VariantsSpec.Variant v) {
        Map<String, Object> out = new LinkedHashMap<>();
        v.set().forEach((path, node) -> out.put(path, node.toPlain()));
        return out;
    }

    private static String describe(Map<String, Object> setting) {
        StringBuilder b = new StringBuilder();
        setting.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
