package io.llmload.cli;

import io.llmload.engine.UsageException;
import io.llmload.report.AtomicFiles;
import io.llmload.scaffold.CurlCommand;
import io.llmload.scaffold.CurlImport;
import io.llmload.scaffold.ScaffoldException;
import io.llmload.scaffold.ShellWords;
import io.llmload.scaffold.StarterDraft;
import io.llmload.scaffold.StarterScenario;
import io.llmload.scenario.Durations;
import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code llmload init}: writes a commented starter scenario from flags, from a pasted curl command,
 * or (on a terminal) from a few questions. The result is validated before it is written, and an
 * API key is never written: only the name of the variable that holds it.
 */
@Command(name = "init", description = "Write a commented starter scenario (from flags, a curl command, or a few questions).",
        footer = {"", "On a terminal, with none of --target, --model or --from-curl, init asks",
            "a few questions (Enter keeps the default). A key written in a curl command is",
            "not copied: the scenario names an environment variable (target.api_key_env)",
            "and init prints the export line.",
            "", "Examples:",
            "  llmload init                                 # answer a few questions",
            "  llmload init --target embedded --out quick.yaml   # built-in mock, offline",
            "  llmload init --target http://127.0.0.1:8000/v1 --model Qwen/Qwen2.5-7B",
            "  llmload init --from-curl \"$(cat request.sh)\"  # curl from a docs page",
            "  pbpaste | llmload init --from-curl - --out provider.yaml"})
final class InitCommand implements Callable<Integer> {
    /** Starting concurrency for a hosted API (not this machine), within the usual free-tier rate limits. */
    static final int HOSTED_CONCURRENCY = 2;

    @ParentCommand
    Main main;

    @Option(names = "--from-curl", paramLabel = "CMD", description = "a curl command for a chat-completion endpoint, quoted; '-' reads it from standard input")
    String fromCurl;

    @Option(names = "--target", paramLabel = "URL", description = "base URL such as http://127.0.0.1:8000/v1, or 'embedded' for the built-in mock (default: embedded)")
    String target;

    @Option(names = "--model", paramLabel = "M", description = "model name the server serves")
    String model;

    @Option(names = "--api-key-env", paramLabel = "NAME", description = "environment variable that holds the API key")
    String apiKeyEnv;

    @Option(names = "--stream", negatable = true, description = "stream responses (default: on; from a curl command: as the command does)")
    Boolean stream;

    @Option(names = "--max-tokens", paramLabel = "N", description = "max_tokens per answer (default: 256)")
    Integer maxTokens;

    @Option(names = "--concurrency", paramLabel = "N", description = "concurrent virtual users (default: 8)")
    Integer concurrency;

    @Option(names = "--duration", paramLabel = "D", description = "measured time, e.g. 60s (default: 30s)")
    String duration;

    @Option(names = "--warmup", paramLabel = "D", description = "unmeasured warmup, e.g. 5s (default: 5s)")
    String warmup;

    @Option(names = "--name", paramLabel = "NAME", description = "scenario name (default: from the model)")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the scenario ('-' for standard output; default: ${DEFAULT-VALUE})",
            defaultValue = "scenario.yaml")
    String out;

    @Option(names = "--force", description = "overwrite FILE if it exists")
    boolean force;

    @Option(names = {"-y", "--yes"}, description = "ask nothing; use the flags and defaults")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        Console console = main.console();
        StarterDraft draft = new StarterDraft();
        CurlImport.Result imported = null;
        try {
            if (fromCurl != null) {
                String text = fromCurl.equals("-") ? new String(console.in().readAllBytes(), StandardCharsets.UTF_8) : fromCurl;
                CurlCommand curl = CurlCommand.parse(ShellWords.split(text.trim()), Path.of(""));
                imported = CurlImport.apply(curl, draft, apiKeyEnv);
                if (!InitQuestions.isLocal(draft.url)) {
                    // a hosted API has rate limits and a bill: start small
                    draft.concurrency = HOSTED_CONCURRENCY;
                }
            }
            applyFlags(draft);
        } catch (ScaffoldException e) {
            throw new UsageException(e.getMessage());
        }
        if (console.terminal() && !inCi(console) && !yes && fromCurl == null && target == null && model == null) {
            InitQuestions.Answers answers = new InitQuestions(console).ask(draft, out);
            out = answers.file();
        }
        if (draft.modelOrDefault() == null) {
            throw new UsageException("a model name is needed for " + draft.url + "; add --model NAME (the model the server serves, "
                    + "e.g. meta-llama/Llama-3.1-8B-Instruct; GET " + draft.url + "/models lists them)");
        }
        boolean toStdout = out.equals("-");
        Path file = toStdout ? null : Path.of(out);
        String text = StarterScenario.render(draft, toStdout ? "scenario.yaml" : out,
                SchemaLocation.reference(toStdout ? Path.of("") : file.toAbsolutePath().getParent()));
        List<String> problems = problems(text, toStdout ? "scenario.yaml" : out);
        if (!problems.isEmpty()) {
            problems.forEach(p -> console.err().println("error: " + p));
            console.err().println("The scenario was not written; fix the flag named above and run init again.");
            return ExitCodes.USAGE;
        }
        if (toStdout) {
            console.out().print(text);
        } else {
            if (Files.exists(file) && !force) {
                throw new UsageException(file + " exists; choose another --out FILE, or add --force to overwrite it");
            }
            try {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                AtomicFiles.write(file, text);
            } catch (IOException e) {
                throw new UsageException("cannot write " + file + " (" + Problems.describe(e) + "); choose another --out FILE");
            }
        }
        report(toStdout ? console.err() : console.out(), console, draft, imported, toStdout ? null : file);
        return ExitCodes.OK;
    }

    private void applyFlags(StarterDraft d) throws ScaffoldException {
        if (target != null) {
            d.url = target.equals(StarterDraft.EMBEDDED) ? target : InitQuestions.baseUrl(target);
            if (d.embedded()) {
                d.warmup = "2s";
                d.duration = "10s";
            }
        }
        if (model != null) {
            d.model = model;
        }
        if (apiKeyEnv != null) {
            if (!apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ScaffoldException("--api-key-env expects a variable name such as OPENAI_API_KEY (not the key itself)");
            }
            d.apiKeyEnv = apiKeyEnv;
        }
        if (stream != null) {
            d.stream = stream;
        }
        if (maxTokens != null) {
            d.maxTokens = positive(maxTokens, "--max-tokens");
        }
        if (concurrency != null) {
            d.concurrency = positive(concurrency, "--concurrency");
        }
        if (duration != null) {
            d.duration = duration(duration, "--duration");
        }
        if (warmup != null) {
            d.warmup = duration(warmup, "--warmup");
        }
        if (name != null) {
            d.name = name;
        }
    }

    private static int positive(int v, String flag) throws ScaffoldException {
        if (v < 1) {
            throw new ScaffoldException(flag + " expects a whole number >= 1; got " + v);
        }
        return v;
    }

    static String duration(String text, String flag) throws ScaffoldException {
        if (Durations.parse(text) == null) {
            throw new ScaffoldException(flag + " expects a duration such as 30s, 250ms or 2m; got '" + text + "'");
        }
        return text.trim();
    }

    private static boolean inCi(Console console) {
        String ci = console.env().apply("CI");
        return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
    }

    /** Loads the text as {@code run} would (variables present), so a bad flag is caught before anything is written. */
    private static List<String> problems(String text, String source) {
        try {
            new ScenarioLoader(new EnvSubstitution(n -> "set")).loadText(text, source, List.of());
            return List.of();
        } catch (ScenarioException e) {
            List<String> out = new ArrayList<>();
            e.problems().forEach(p -> out.add(p.toString()));
            return out;
        }
    }

    private static void report(PrintStream p, Console console, StarterDraft d, CurlImport.Result imported, Path file) {
        if (file != null) {
            p.println("wrote " + file + ": " + d.nameOrDefault() + " · target " + d.url + " · model " + d.modelOrDefault()
                    + " · " + (d.stream ? "streaming" : "not streaming") + " · " + d.concurrency + " users for " + d.duration);
        }
        if (imported != null) {
            imported.notes().forEach(n -> p.println("note: " + n));
        }
        String variable = d.apiKeyEnv != null ? d.apiKeyEnv : imported != null ? imported.keyVariable() : null;
        if (variable != null) {
            boolean set = console.env().apply(variable) != null;
            if (imported != null && imported.keyWasInline()) {
                p.println("The API key is not in the file. Before running, set it in your shell:");
                p.println("  export " + variable + "=<your key>    # the key from your curl command; keep it out of files");
            } else if (!set) {
                p.println("The scenario reads the API key from " + variable + ", which is not set here. Before running:");
                p.println("  export " + variable + "=<your key>");
            }
        }
        String name = file == null ? "scenario.yaml" : file.toString();
        p.println("Next: llmload validate " + name + "   then   llmload run " + name);
    }
}
