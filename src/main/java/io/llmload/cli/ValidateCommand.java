package io.llmload.cli;

import io.llmload.check.Threshold;
import io.llmload.engine.Campaign;
import io.llmload.engine.ClusterTrials;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.ThresholdInputs;
import io.llmload.engine.UsageException;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.workload.Workloads;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code llmload validate SCENARIO}: the same checks as {@code run}, without sending anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a scenario file without running it.",
        footer = {"", "Examples:", "  llmload validate scenarios/quickstart.yaml",
            "  llmload validate my.yaml --set load.concurrency=64"})
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Mixin
    ScenarioFlags scenario;

    @Override
    public Integer call() {
        Console console = main.console();
        try {
            ScenarioSource source = scenario.source(console, List.of());
            Scenario s = source.load();
            List<Threshold> thresholds = ThresholdInputs.parse(s, List.of());
            // Every variant and sweep point as run builds it; a key that is not set here is no problem of the file.
            Campaign.validateDerived(source, s, ClusterTrials.keyless(console.env()));
            String workload = Workloads.create(s).description();
            console.out().println("ok: " + scenario.file + " · scenario '" + s.name() + "' · target " + s.target().url()
                    + " · model " + s.target().model() + " · " + thresholds.size() + " threshold(s)");
            console.out().println("workload: " + workload);
            String cancel = Workloads.cancels(s, 0).description();
            if (cancel != null) {
                console.out().println("cancel: " + cancel);
            }
            return ExitCodes.OK;
        } catch (ScenarioException e) {
            return Problems.print(e, console.err());
        } catch (UsageException e) {
            return Problems.usage(e, console.err());
        }
    }
}
