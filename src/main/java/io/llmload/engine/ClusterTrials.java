package io.llmload.engine;

import io.llmload.record.RequestLog;
import io.llmload.record.RequestSink;
import io.llmload.cluster.AgentHandle;
import io.llmload.cluster.AgentWork;
import io.llmload.cluster.ClusterTrial;
import io.llmload.cluster.Coordinator;
import io.llmload.cluster.LoadSplit;
import io.llmload.cluster.ScenarioWire;
import io.llmload.cluster.TrialOutcome;
import io.llmload.engine.AbortWatch;
import io.llmload.engine.PlanFactory;
import io.llmload.engine.Trials;
import io.llmload.engine.UsageException;
import io.llmload.load.LanePlan;
import io.llmload.load.RunListener;
import io.llmload.load.RunPlan;
import io.llmload.load.RunResult;
import io.llmload.metrics.SummaryMerger;
import io.llmload.result.ClusterInfo;
import io.llmload.result.LoadInfo;
import io.llmload.result.StageInfo;
import io.llmload.scenario.ClusterSpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.StageSpec;
import io.llmload.workload.DatasetSource;
import io.llmload.workload.InputTokenTally;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs a campaign's trials on the cluster's agents: each trial's scenarios are turned into every
 * agent's share ({@link LoadSplit}, datasets cut into disjoint parts), run together by the
 * {@link Coordinator}, and merged into one {@link RunResult}, so sweeps, searches, variants and
 * repeats work as they do on one machine. Keeps each agent's parts and the gaps for the report.
 *
 * <p>Thread contract: as {@link Trials}.
 */
public final class ClusterTrials implements Trials {
    private final Coordinator coordinator;
    private final ClusterSpec spec;
    private final RunConsole console;
    private final TrialWatch trialWatch;
    /** Sees every trial besides the live view: the metrics endpoint and the server scraper. */
    private final RunListener observer;
    private final Map<String, AgentHandle> handles = new LinkedHashMap<>();
    private final Map<String, List<TrialOutcome.AgentPart>> parts = new LinkedHashMap<>();
    private final List<ClusterInfo.Gap> gaps = new ArrayList<>();
    private volatile boolean interrupted;
    private boolean warnedAbort;
    private InputTokenTally lastSent;
    private RequestLog requests;

    public ClusterTrials(Coordinator coordinator, ClusterSpec spec, RunConsole console, boolean quiet, RunListener observer) {
        this.coordinator = coordinator;
        this.spec = spec;
        this.console = console;
        this.observer = observer;
        this.trialWatch = new TrialWatch(console, quiet, observer);
    }

    /** The trials from now on ship every request's record here ({@code requests.jsonl}); before, none. */
    void recordTo(RequestLog log) {
        requests = log;
    }

    /** The environment as the coordinator plans with it: the API key is the agents' business, so its absence here is fine. */
    public static Function<String, String> keyless(Function<String, String> env) {
        return name -> {
            String value = env.apply(name);
            return value == null || value.isBlank() ? "(read by each agent from its own environment)" : value;
        };
    }

    @Override
    public RunResult run(Spec trial, String label, List<AbortWatch.Watched> watched)
            throws ScenarioException, ExecutionException, InterruptedException {
        if (trial.lanes().size() > 1 && !watched.isEmpty() && !warnedAbort) {
            warnedAbort = true;
            console.err().println("note: in a distributed run, abort_on_fail thresholds of interleaved variants are checked at the end: "
                    + "the agents' merged seconds do not say which variant a request belonged to");
        }
        List<AgentHandle> agents = coordinator.agents();
        agents.forEach(a -> handles.putIfAbsent(a.name(), a));
        RunPlan plan = PlanFactory.plan(trial.base(), trial.lanes(), keyless(console.env()), trial.sliceNanos(), trial.seedOffset());
        List<AgentWork> works = new ArrayList<>();
        for (int i = 0; i < agents.size(); i++) {
            works.add(work(trial, plan, i, agents.size()));
        }
        double plannedS = plan.measured() == null ? 0 : (plan.warmupMax().toNanos() + plan.measured().toNanos()) / 1e9;
        Scenario first = trial.lanes().get(0).scenario();
        String target = first.target().embedded() ? "an embedded mock on each agent" : first.target().url();
        if (!first.target().embedded()) {
            observer.targetReady(first.target().url()); // the agents' embedded mocks are theirs: only a shared target is scraped
        }
        RunListener listener = trialWatch.begin(plan, label, watched);
        try {
            RequestSink records = requests == null ? RequestSink.NONE : requests.forRun(trial.tags());
            TrialOutcome outcome = coordinator.runTrial(new ClusterTrial.Request(label, works, plannedS, target, spec.agentTimeout(),
                    listener, records)).toCompletionStage().toCompletableFuture().get();
            for (TrialOutcome.AgentPart p : outcome.agents()) {
                parts.computeIfAbsent(p.agent(), k -> new ArrayList<>()).add(p);
            }
            gaps.addAll(outcome.gaps());
            lastSent = outcome.sent();
            return withPlannedLevels(outcome.run(), plan, first);
        } finally {
            trialWatch.end();
        }
    }

    /**
     * Stage levels and limits as planned for the whole cluster: the agents' results add up only
     * the agents that finished, so a lost agent's share would be missing from them.
     */
    private static RunResult withPlannedLevels(RunResult r, RunPlan plan, Scenario first) {
        List<StageSpec> planned = first.load().effectiveStages();
        List<StageInfo> stages = new ArrayList<>();
        for (StageInfo s : r.stages()) {
            StageSpec spec = s.index() >= 0 && s.index() < planned.size() ? planned.get(s.index()) : null;
            stages.add(spec == null ? s : new StageInfo(s.index(), s.startS(), s.endS(),
                    spec.concurrency() == null ? null : spec.concurrency().doubleValue(), spec.rate(), s.ramp()));
        }
        LoadInfo load = r.load();
        if (load != null) {
            LanePlan lane = plan.lanes().get(0);
            load = new LoadInfo(load.model(), load.arrival(), load.burstiness(), load.targetRate(), load.achievedRate(),
                    load.scheduledArrivals(), lane.open() ? lane.maxInFlight() : null, lane.open() ? null : lane.maxConcurrency(),
                    load.clientSaturated(), load.saturation());
        }
        return new RunResult(r.startedAt(), r.durationS(), r.warmupS(), r.measuredS(), r.stopReason(), r.interrupted(),
                r.targetDescription(), r.summary(), r.timeseries(), r.histograms(), r.failure(), r.lanes(), load, r.steadyState(), stages);
    }

    /** Agent {@code index}'s share of a trial. */
    private AgentWork work(Spec trial, RunPlan plan, int index, int count) throws ScenarioException {
        try {
            Map<String, Object> base = LoadSplit.forAgent(forAgents(trial.base()), index, count);
            withoutDataset(base); // the run-level scenario's workload is never sent; the lanes' are
            withTracePath(base, trial.base());
            List<AgentWork.Lane> lanes = new ArrayList<>();
            for (int l = 0; l < trial.lanes().size(); l++) {
                PlanFactory.NamedScenario named = trial.lanes().get(l);
                Map<String, Object> scenario = LoadSplit.forAgent(forAgents(named.scenario()), index, count);
                withTracePath(scenario, named.scenario());
                AgentWork.DatasetPart dataset = null;
                if (plan.lanes().get(l).requests() instanceof DatasetSource source) {
                    dataset = datasetPart(source, index, count);
                    withoutDataset(scenario);
                }
                lanes.add(new AgentWork.Lane(named.name(), scenario, dataset));
            }
            return new AgentWork("", index, count, base, lanes, trial.sliceNanos(), trial.seedOffset(), requests != null,
                    trial.base().report().recordTokens());
        } catch (LoadSplit.SplitException e) {
            throw new UsageException(e.getMessage() + " (use fewer agents or more load)");
        }
    }

    private static Map<String, Object> forAgents(Scenario s) {
        refuseSecrets(s);
        return ScenarioWire.forAgents(s.resolved());
    }

    /** A scenario carrying a secret value (rather than the name of an agent's env var) is not for agents. */
    public static void refuseSecrets(Scenario s) {
        List<String> secrets = ScenarioWire.secretPaths(s.resolved());
        if (!secrets.isEmpty()) {
            throw new UsageException(String.join(", ", secrets) + ": a secret value is never sent to agents; in a distributed run the"
                    + " API key reaches each agent through target.api_key_env, read from the agent's own environment");
        }
    }

    private static AgentWork.DatasetPart datasetPart(DatasetSource source, int index, int count) {
        DatasetSource.Part part = source.part(index, count);
        List<String> bodies = part.bodies().stream().map(Buffer::toString).toList();
        List<Integer> tokens = new ArrayList<>();
        for (int t : part.promptTokens()) {
            tokens.add(t);
        }
        return new AgentWork.DatasetPart(bodies, tokens, source.description() + "; this agent sends part " + (index + 1) + "/" + count
                + " (" + bodies.size() + " entries)");
    }

    /**
     * A trace is read by every agent (each replays its share of the records): the path as this
     * coordinator resolved it, so the file must be at the same absolute path on every agent.
     */
    @SuppressWarnings("unchecked")
    private static void withTracePath(Map<String, Object> scenario, Scenario s) {
        if (s.load().trace() != null && scenario.get("load") instanceof Map<?, ?> load
                && ((Map<String, Object>) load).get("trace") instanceof Map<?, ?> trace) {
            ((Map<String, Object>) trace).put("path", s.load().trace().path().toAbsolutePath().toString());
        }
    }

    /** The agent gets the dataset's bodies ready-made: its scenario must neither read the file nor re-check its options. */
    @SuppressWarnings("unchecked")
    private static void withoutDataset(Map<String, Object> scenario) {
        if (scenario.get("workload") instanceof Map<?, ?> workload) {
            ((Map<String, Object>) workload).remove("dataset");
        }
        if (scenario.get("request") instanceof Map<?, ?> request) {
            ((Map<String, Object>) request).remove("min_tokens"); // baked into the bodies
        }
    }

    @Override
    public AbortWatch.Aborted lastAborted() {
        return trialWatch.lastAborted();
    }

    @Override
    public AbortWatch.Aborted aborted() {
        return trialWatch.aborted();
    }

    @Override
    public InputTokenTally lastSent() {
        return lastSent;
    }

    @Override
    public void interrupt() {
        interrupted = true;
        coordinator.stop("interrupted");
    }

    @Override
    public boolean interrupted() {
        return interrupted;
    }

    /** The agents and gaps for the report: each agent's parts of every trial added up. */
    public ClusterInfo info() {
        List<ClusterInfo.Agent> agents = new ArrayList<>();
        handles.forEach((name, h) -> {
            List<TrialOutcome.AgentPart> mine = parts.getOrDefault(name, List.of());
            boolean lost = gaps.stream().anyMatch(g -> g.agent().equals(name));
            agents.add(new ClusterInfo.Agent(name, h.identity().host(), h.address(), h.identity().cpus(), h.identity().version(),
                    round(h.clock().offsetMs()), round(h.clock().rttMs()), lost ? "lost" : "finished",
                    mine.isEmpty() ? null : SummaryMerger.merge(mine.stream()
                            .map(p -> new SummaryMerger.Part(p.summary(), p.histograms(), p.measuredS())).toList()),
                    mine.isEmpty() ? null : SummaryMerger.mergeHistograms(mine.stream().map(TrialOutcome.AgentPart::histograms).toList())));
        });
        return new ClusterInfo(coordinator.host(), spec.agents(), agents, List.copyOf(gaps));
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
