package io.llmload.engine;

import io.llmload.client.Api;
import io.llmload.client.ClientConfig;
import io.llmload.client.Endpoint;
import io.llmload.client.Redactor;
import io.llmload.client.RetryPolicy;
import io.llmload.client.Transport;
import io.llmload.load.LanePlan;
import io.llmload.load.RunPlan;
import io.llmload.load.schedule.LoadProfile;
import io.llmload.metrics.GoodputRule;
import io.llmload.mock.MockConfig;
import io.llmload.scenario.GoodputSpec;
import io.llmload.scenario.KnownSecrets;
import io.llmload.scenario.LoadSpec;
import io.llmload.scenario.RetrySpec;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.StageSpec;
import io.llmload.scenario.Target;
import io.llmload.workload.RequestSource;
import io.llmload.workload.TraceRequests;
import io.llmload.workload.Workloads;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns validated scenarios into a {@link RunPlan}, reading API keys from the environment. */
public final class PlanFactory {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> SECRET_HEADERS = List.of("authorization", "proxy-authorization", "x-api-key", "api-key");
    /** A stage with no duration (a run bounded by its request budget only) lasts this long on paper. */
    private static final Duration UNBOUNDED = Duration.ofDays(365);

    private PlanFactory() {
    }

    /** A one-lane plan. */
    public static RunPlan plan(Scenario s, Function<String, String> env) throws ScenarioException {
        return plan(s, List.of(new NamedScenario(s.name(), s)), env, 0, 0);
    }

    /** A scenario with the name of the lane it drives. */
    public record NamedScenario(String name, Scenario scenario) {
    }

    /**
     * A plan whose lanes are the given scenarios (interleaved variants) and whose run-level
     * settings (warmup, duration, drain, goodput) come from {@code base}. With several lanes,
     * each is switched on in turn for {@code sliceNanos}.
     *
     * @param seedOffset added to every seed, so repeated runs draw fresh arrivals
     */
    public static RunPlan plan(Scenario base, List<NamedScenario> lanes, Function<String, String> env, long sliceNanos, long seedOffset)
            throws ScenarioException {
        return plan(base, lanes, env, sliceNanos, seedOffset, (i, s) -> Workloads.create(s));
    }

    /** Makes a lane's request source; by default from the scenario's workload (an agent gets its dataset part sent instead). */
    public interface LaneWorkloads {
        RequestSource create(int lane, Scenario scenario) throws ScenarioException;
    }

    /** As above, with the lanes' request sources made by {@code workloads}. */
    public static RunPlan plan(Scenario base, List<NamedScenario> lanes, Function<String, String> env, long sliceNanos, long seedOffset,
                        LaneWorkloads workloads) throws ScenarioException {
        LoadSpec load = base.load();
        Duration warmupMax = load.warmupAuto() ? load.steadyState().max() : load.warmup();
        Duration measured = load.duration();
        boolean interleaved = lanes.size() > 1;
        if (interleaved) {
            // Every slice must begin with its lane's users idle (parked through the other lanes'
            // slices), so warmup is interleaved too and ends on a slice boundary, and the measured
            // time is whole rounds: each variant gets the same number of slices.
            warmupMax = Duration.ofNanos(roundUp(warmupMax.toNanos(), sliceNanos));
            if (measured != null) {
                measured = Duration.ofNanos(roundUp(measured.toNanos(), sliceNanos * lanes.size()));
            }
        }
        List<LanePlan> lanePlans = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            Scenario laneScenario = lanes.get(i).scenario();
            RequestSource requests = workloads.create(i, laneScenario);
            LoadProfile profile = requests instanceof TraceRequests trace ? traceProfile(trace, warmupMax, measured)
                    : profile(laneScenario.load(), warmupMax, measured);
            if (interleaved) {
                profile = profile.gated(0, sliceNanos, i, lanes.size());
            }
            lanePlans.add(lane(lanes.get(i).name(), laneScenario, requests, profile, env, seedOffset));
        }
        return new RunPlan(base.name(), lanePlans, load.warmupAuto() ? null : warmupMax, load.steadyState(), measured,
                load.drain(), Runtime.getRuntime().availableProcessors(), goodput(base.goodput()),
                load.warmupDefault() ? LoadSpec.DEFAULT_WARMUP_RULE : null);
    }

    private static long roundUp(long value, long unit) {
        return unit <= 0 ? value : (value + unit - 1) / unit * unit;
    }

    /** @param measured the measured time, when it overrides a single stage's duration (rounded for interleaving) */
    public static LoadProfile profile(LoadSpec load, Duration warmupMax, Duration measured) {
        List<LoadProfile.Stage> stages = new ArrayList<>();
        List<StageSpec> specs = load.effectiveStages();
        for (StageSpec st : specs) {
            Duration d = st.duration() == null ? UNBOUNDED : specs.size() == 1 && measured != null ? measured : st.duration();
            stages.add(new LoadProfile.Stage(d.toNanos(), st.level(), st.linear()));
        }
        return LoadProfile.of(warmupMax.toNanos(), stages);
    }

    /**
     * A trace's profile: the warmup (its first seconds), then one stage to the trace's end (or for
     * the measured time) at the trace's mean rate, which the time series shows as the target.
     */
    public static LoadProfile traceProfile(TraceRequests trace, Duration warmup, Duration measured) {
        long span = Math.max(1_000_000, trace.spanNanos());
        double meanRate = trace.records() / (span / 1e9);
        long rest = measured != null ? measured.toNanos() : Math.max(1_000_000, span + 1 - warmup.toNanos());
        return LoadProfile.of(warmup.toNanos(), List.of(new LoadProfile.Stage(rest, meanRate, false)));
    }

    private static LanePlan lane(String name, Scenario s, RequestSource requests, LoadProfile profile, Function<String, String> env,
                                 long seedOffset) throws ScenarioException {
        Target t = s.target();
        Api api = Api.of(t.api());
        Map<String, String> headers = new LinkedHashMap<>();
        if (api == Api.MESSAGES && t.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("anthropic-version"))) {
            // required on every Messages API request; 2023-06-01 is the current version (docs.anthropic.com/en/api/versioning)
            headers.put("anthropic-version", "2023-06-01");
        }
        headers.putAll(t.headers());
        List<String> secrets = new ArrayList<>();
        if (t.apiKeyEnv() != null) {
            if (!ENV_NAME.matcher(t.apiKeyEnv()).matches()) {
                // Most likely the key itself was written here: never echo it.
                throw new UsageException("target.api_key_env must be the name of an environment variable (such as OPENAI_API_KEY), "
                        + "not a key; put the key in that variable");
            }
            String key = env.apply(t.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new UsageException("target.api_key_env names " + t.apiKeyEnv() + ", which is not set; export "
                        + t.apiKeyEnv() + "=<your key> (the key is read from the environment only)");
            }
            if (api == Api.MESSAGES) {
                // Anthropic takes the key as x-api-key, not a Bearer token (docs.anthropic.com/en/api/overview, "Authentication")
                headers.put("x-api-key", key.trim());
            } else {
                headers.put("Authorization", "Bearer " + key.trim());
            }
            secrets.add(key.trim());
        }
        t.headers().forEach((k, v) -> {
            if (SECRET_HEADERS.contains(k.toLowerCase()) || t.secretHeaders().contains(k)) {
                secrets.add(v);
                int space = v.indexOf(' ');
                if (space > 0) {
                    secrets.add(v.substring(space + 1));
                }
            }
        });
        secrets.forEach(KnownSecrets::remember);
        // The embedded mock's address is known once it listens; until then the endpoint only says which API it speaks.
        Endpoint endpoint = Endpoint.fromBaseUrl(t.embedded() ? "http://127.0.0.1/v1" : t.url(), api);
        int maxConnections = t.http().maxConnections() == null ? 0 : t.http().maxConnections();
        RetrySpec retry = s.request().retry();
        ClientConfig client = new ClientConfig(endpoint, headers, t.http().http2(), t.http().tlsVerify(), maxConnections,
                t.timeouts().connect(), t.timeouts().firstToken(), t.timeouts().idle(), t.timeouts().total(),
                t.http().maxResponseBytes(), ClientConfig.eventLimit(t.http().maxResponseBytes()), new Redactor(secrets),
                s.workload().tokenizer(), new Transport(t.http().caFile(), t.http().certFile(), t.http().keyFile(),
                        t.http().proxy() == null ? null : URI.create(t.http().proxy())),
                retry.enabled() ? new RetryPolicy(retry.max(), retry.backoff(), retry.maxBackoff(), retry.on()) : RetryPolicy.NONE);
        MockConfig mock = t.embedded() ? MockConfig.from(s.mock(), MockConfig.DEFAULT_HOST, 0, 1) : null;
        LoadSpec load = s.load();
        return new LanePlan(name, client, mock, requests, s.request().stream() && api.streamsTokens(), profile, load.open(), load.arrival(),
                load.burstiness(), s.workload().seed() + seedOffset, load.maxInFlight(), load.requests(),
                Workloads.cancels(s, seedOffset), requests instanceof TraceRequests trace ? trace : null);
    }

    private static GoodputRule goodput(GoodputSpec g) {
        if (g == null) {
            return GoodputRule.NONE;
        }
        return new GoodputRule(nanos(g.ttft()), nanos(g.tpot()), nanos(g.itl()), nanos(g.e2e()));
    }

    private static long nanos(Duration d) {
        return d == null ? -1 : d.toNanos();
    }
}
