package io.llmload.scenario;

import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.oneOf;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * When to send. Closed model: {@code concurrency} virtual users, each sending its next request
 * when the previous one ends. Open model: {@code rate} requests per second arriving on a
 * schedule ({@code arrival}), whatever the server does, capped by {@code max_in_flight}.
 * {@code stages} replace both with a sequence of levels; {@code trace} replaces all three with the
 * recorded times of a trace (an open model). The run stops at {@code duration} (or the
 * end of the stages) or after {@code requests} measured requests, whichever comes first;
 * {@code warmup} comes before and is not measured ({@code auto}: until steady state).
 *
 * @param concurrency null in the open model
 * @param rate        null in the closed model
 * @param warmup      null when {@code warmupAuto}; when the file gives none, {@link #defaultWarmup}
 * @param warmupDefault whether {@code warmup} is the default rather than the file's
 * @param duration    null when bounded only by {@code requests} or by the end of the trace
 * @param trace       null unless requests replay a trace
 */
public record LoadSpec(Integer concurrency, Double rate, String arrival, double burstiness, int maxInFlight,
                       Duration warmup, boolean warmupAuto, SteadyStateSpec steadyState, Duration duration, Long requests,
                       Duration drain, List<StageSpec> stages, TraceSpec trace, boolean warmupDefault) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    /**
     * Users (closed model) or requests in flight (open model) one llmload process runs at most. Each
     * holds an HTTP connection and its buffers: one machine has about 28,000-64,000 ephemeral ports
     * per target address, so more users than this cannot even connect, and asking for millions ends
     * in a full heap. A distributed run splits its load, so its limit is this times the agents.
     */
    public static final int MAX_USERS = 100_000;
    /** Requests per second one llmload process is asked for at most (split among agents like users). */
    public static final double MAX_RATE = 100_000;
    /** The largest value a file may give: the per-process limit times the most agents a run may have. */
    static final long MAX_USERS_IN_CLUSTER = (long) MAX_USERS * ClusterSpec.MAX_AGENTS;
    static final double MAX_RATE_IN_CLUSTER = MAX_RATE * ClusterSpec.MAX_AGENTS;
    public static final String AUTO = "auto";
    /** The longest default warmup. */
    public static final Duration MAX_DEFAULT_WARMUP = Duration.ofSeconds(3);
    /** How the default warmup is chosen, as the report states it. */
    public static final String DEFAULT_WARMUP_RULE = "a tenth of the measured time, at most 3s"
            + " (none for a request count alone or a trace); set load.warmup to choose";

    public static final Shape.Obj SHAPE = obj(
            optional("concurrency", integer(1, MAX_USERS_IN_CLUSTER), null,
                    "closed model: number of concurrent virtual users (default 1; at most 100000 per llmload process or agent)"),
            optional("rate", number(0.001, MAX_RATE_IN_CLUSTER), null,
                    "open model: requests per second, sent on schedule whatever the server does (at most 100000 per process or agent)"),
            optional("arrival", str("constant", "poisson", "gamma"), "poisson", "open model: how arrivals are spaced"),
            optional("burstiness", number(0.001), 1.0, "gamma arrivals: 1 = Poisson, lower = burstier, higher = smoother"),
            optional("max_in_flight", integer(1, MAX_USERS_IN_CLUSTER), 10_000L,
                    "open model: requests outstanding at most (100000 per process or agent); arrivals beyond are counted as dropped"),
            optional("warmup", oneOf("a duration such as 5s, or auto", Shape.duration(), str(AUTO)), null,
                    "time before measuring starts, or auto (until throughput and TTFT settle); default a tenth of the measured time,"
                            + " at most 3s (none for a request count alone or a trace)"),
            optional("steady_state", SteadyStateSpec.SHAPE, Map.of(), "the rule for warmup: auto"),
            optional("duration", Shape.duration(), null,
                    "measured time (60s when neither duration, requests, stages nor trace is set; a trace runs to its end)"),
            optional("requests", Shape.longInteger(1), null, "stop after this many measured requests"),
            optional("drain", Shape.duration(), "30s", "at the end, how long in-flight requests may finish before they are cut off"),
            optional("stages", listOf(StageSpec.SHAPE), null, "levels over time instead of one concurrency or rate"),
            optional("trace", TraceSpec.SHAPE, null, "replay a trace: requests at the times a JSONL file records (instead of concurrency, rate or stages)"));

    static LoadSpec from(ObjView v) {
        List<StageSpec> stages = v.list("stages").stream()
                .map(n -> StageSpec.from(new ObjView((Node.MapNode) n, StageSpec.SHAPE, "load.stages"))).toList();
        Duration duration = v.duration("duration");
        Long requests = v.integerOrNull("requests");
        TraceSpec trace = v.has("trace") ? TraceSpec.from(v.obj("trace")) : null;
        if (!stages.isEmpty()) {
            duration = stages.stream().map(StageSpec::duration).reduce(Duration.ZERO, Duration::plus);
        } else if (duration == null && requests == null && trace == null) {
            duration = DEFAULT_DURATION;
        }
        Long concurrency = v.integerOrNull("concurrency");
        Double rate = v.numberOrNull("rate");
        if (stages.isEmpty() && concurrency == null && rate == null && trace == null) {
            concurrency = 1L;
        }
        boolean given = v.has("warmup");
        boolean auto = given && AUTO.equals(v.str("warmup"));
        Duration warmup = auto ? null : given ? v.duration("warmup") : defaultWarmup(trace == null ? duration : null);
        return new LoadSpec(concurrency == null ? null : Math.toIntExact(concurrency), rate, v.str("arrival"), v.number("burstiness"),
                Math.toIntExact(v.integer("max_in_flight")), warmup, auto,
                SteadyStateSpec.from(v.obj("steady_state")), duration, requests, v.duration("drain"), stages, trace, !given);
    }

    /**
     * The warmup of a scenario that sets none: a tenth of its measured time, at most
     * {@link #MAX_DEFAULT_WARMUP}, so that a server's and a client's first seconds (caches,
     * compilation, connection set-up) are not measured; none when only a request count bounds the
     * run (those are exactly the requests it sends) or for a trace (its times are the point).
     *
     * @param measured the measured time, or null when there is none to take a tenth of
     */
    static Duration defaultWarmup(Duration measured) {
        if (measured == null) {
            return Duration.ZERO;
        }
        Duration tenth = measured.dividedBy(10);
        return tenth.compareTo(MAX_DEFAULT_WARMUP) > 0 ? MAX_DEFAULT_WARMUP : tenth;
    }

    /** True for the open model (a rate, stages with rates, or a trace). */
    public boolean open() {
        return rate != null || trace != null || (!stages.isEmpty() && stages.get(0).rate() != null);
    }

    /** The stages to run: the written ones, or one step stage at the single concurrency or rate. */
    public List<StageSpec> effectiveStages() {
        if (!stages.isEmpty()) {
            return stages;
        }
        return List.of(new StageSpec(duration, concurrency, rate, "step"));
    }
}
