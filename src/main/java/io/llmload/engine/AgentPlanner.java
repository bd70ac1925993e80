package io.llmload.engine;

import io.llmload.cluster.Agent;
import io.llmload.cluster.AgentWork;
import io.llmload.load.LanePlan;
import io.llmload.load.RunPlan;
import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Problem;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ScenarioLoader;
import io.llmload.workload.DatasetSource;
import io.llmload.workload.RequestSource;
import io.llmload.workload.TraceRequests;
import io.llmload.workload.Workloads;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An agent's planning of the work a coordinator sends: each scenario is validated and bound by
 * this agent's own loader (so a schema this build does not know is an error here, not a
 * surprise later), the API key is read from this agent's environment, a lane with a dataset
 * sends the part of it that came with the work, and a trace replay sends this agent's share of the
 * records (the file is read here, at the path the coordinator resolved). Blocking (tokenizers); thread-safe.
 */
public final class AgentPlanner implements Agent.Planner {
    private final Function<String, String> env;

    public AgentPlanner(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Agent.Planned plan(AgentWork work) throws Agent.WorkRefused {
        try {
            ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(env));
            Scenario base = loader.loadText(json(work.base()), "scenario-from-coordinator.json", List.of());
            List<PlanFactory.NamedScenario> lanes = new ArrayList<>();
            for (AgentWork.Lane lane : work.lanes()) {
                lanes.add(new PlanFactory.NamedScenario(lane.name(),
                        loader.loadText(json(lane.scenario()), "scenario-from-coordinator.json", List.of())));
            }
            RunPlan plan = PlanFactory.plan(base, lanes, env, work.sliceNanos(), work.seedOffset(), (i, s) -> {
                AgentWork.DatasetPart part = work.lanes().get(i).dataset();
                if (part == null) {
                    RequestSource source = Workloads.create(s);
                    return source instanceof TraceRequests trace ? trace.share(work.index(), work.count()) : source;
                }
                List<Buffer> bodies = part.bodies().stream().map(Buffer::buffer).toList();
                int[] tokens = part.promptTokens().stream().mapToInt(Integer::intValue).toArray();
                return DatasetSource.of(new DatasetSource.Part(bodies, tokens, s.workload().tokenizer()), part.description());
            });
            LanePlan first = plan.lanes().get(0);
            String load = first.open() ? String.format(Locale.ROOT, "%.3f req/s", first.profile().maxLevel())
                    : (int) Math.ceil(first.profile().maxLevel()) + " users";
            String description = "share " + (work.index() + 1) + "/" + work.count() + ": " + load + ", " + first.requests().description();
            return new Agent.Planned(plan, first.requests().inputTokens(), description);
        } catch (ScenarioException e) {
            throw new Agent.WorkRefused(String.join("; ", e.problems().stream().map(Problem::toString).toList()), true);
        } catch (UsageException e) {
            throw new Agent.WorkRefused(e.getMessage(), true);
        }
    }

    private static String json(Map<String, Object> tree) {
        return new JsonObject(tree).encode();
    }
}
