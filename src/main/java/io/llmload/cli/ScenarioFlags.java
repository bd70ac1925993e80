package io.llmload.cli;

import io.llmload.engine.LoadLevel;
import io.llmload.engine.ScenarioSource;
import io.llmload.engine.UsageException;
import io.llmload.scenario.Overrides;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and the flags that override its values, shared by {@code run} and {@code validate}. */
final class ScenarioFlags {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario file (YAML or JSON)")
    Path file;

    @Option(names = "--target", paramLabel = "URL", description = "override target.url (a base URL, or 'embedded')")
    String target;

    @Option(names = "--model", paramLabel = "M", description = "override target.model")
    String model;

    @Option(names = "--concurrency", paramLabel = "N", description = "override load.concurrency (closed model; replaces a rate or stages)")
    String concurrency;

    @Option(names = "--rate", paramLabel = "R", description = "override load.rate in requests per second (open model; replaces a concurrency or stages)")
    String rate;

    @Option(names = "--duration", paramLabel = "D", description = "override load.duration, e.g. 60s")
    String duration;

    @Option(names = "--requests", paramLabel = "N", description = "override load.requests")
    String requests;

    @Option(names = "--warmup", paramLabel = "D", description = "override load.warmup, e.g. 5s")
    String warmup;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override any scenario value, e.g. --set request.max_tokens=64")
    List<String> sets = new ArrayList<>();

    /** Extra overrides a command adds (e.g. --format). */
    Scenario load(Console console, List<Overrides.Override> extra) throws ScenarioException {
        return source(console, extra).load();
    }

    /** The file with every override the flags ask for, to load now or derive from later. */
    ScenarioSource source(Console console, List<Overrides.Override> extra) throws ScenarioException {
        List<Overrides.Override> overrides = new ArrayList<>();
        flag(overrides, "--target", "target.url", target);
        flag(overrides, "--model", "target.model", model);
        if (concurrency != null && rate != null) {
            throw new UsageException("--concurrency (a closed model: N users) and --rate (an open model: arrivals per second) "
                    + "are alternatives; give one (an open model's cap on requests in flight is load.max_in_flight)");
        }
        if (concurrency != null) {
            overrides.addAll(LoadLevel.concurrency(concurrency, "--concurrency " + concurrency));
        }
        if (rate != null) {
            overrides.addAll(LoadLevel.rate(rate, "--rate " + rate));
        }
        flag(overrides, "--duration", "load.duration", duration);
        flag(overrides, "--requests", "load.requests", requests);
        flag(overrides, "--warmup", "load.warmup", warmup);
        overrides.addAll(extra);
        for (String s : sets) {
            overrides.add(Overrides.Override.parse(s));
        }
        return new ScenarioSource(file, overrides, console.env());
    }

    private static void flag(List<Overrides.Override> out, String flag, String path, String value) {
        if (value != null) {
            out.add(new Overrides.Override(path, value, flag + " " + value));
        }
    }
}
