package io.llmload.cli;

import io.llmload.engine.UsageException;
import io.llmload.scaffold.KeyNames;
import io.llmload.scaffold.ScaffoldException;
import io.llmload.scaffold.StarterDraft;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The questions {@code llmload init} asks on a terminal, each with a default that Enter keeps.
 * A wrong answer is explained and the question asked again; at the end of input the defaults
 * stand. Prompts go to standard error so that standard output stays the scenario's when it is
 * written there. Single use, one thread.
 */
final class InitQuestions {
    /** What the questions decided besides the draft. */
    record Answers(String file) {
    }

    private final BufferedReader in;
    private final PrintStream prompt;
    private boolean ended;

    InitQuestions(Console console) {
        this.in = new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8));
        this.prompt = console.err();
    }

    Answers ask(StarterDraft d, String file) {
        prompt.println("llmload init: a few questions; Enter keeps the [default], Ctrl-C stops.");
        d.url = ask("Endpoint base URL, or 'embedded' for the built-in mock", d.url, v -> {
            if (v.equals(StarterDraft.EMBEDDED)) {
                return v;
            }
            try {
                return baseUrl(v);
            } catch (ScaffoldException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        });
        if (d.embedded()) {
            d.warmup = "2s";
            d.duration = "10s";
        } else if (!isLocal(d.url)) {
            d.concurrency = Math.min(d.concurrency, InitCommand.HOSTED_CONCURRENCY);
        }
        d.model = ask("Model name" + (d.embedded() ? "" : " (as the server serves it, e.g. meta-llama/Llama-3.1-8B-Instruct)"),
                d.modelOrDefault(), v -> v);
        if (!d.embedded()) {
            String suggested = isLocal(d.url) ? "" : KeyNames.forUrl(d.url);
            String key = ask("Environment variable holding the API key (empty: none)", d.apiKeyEnv != null ? d.apiKeyEnv : suggested, v -> {
                if (!v.isEmpty() && !v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("give the variable's name, such as OPENAI_API_KEY, not the key itself");
                }
                return v;
            });
            d.apiKeyEnv = key.isEmpty() ? null : key;
        }
        d.stream = ask("Stream responses (measures time to first token)? y/n", d.stream ? "y" : "n", v -> {
            if (v.matches("(?i)y|yes|true")) {
                return "y";
            }
            if (v.matches("(?i)n|no|false")) {
                return "n";
            }
            throw new IllegalArgumentException("answer y or n");
        }).equals("y");
        d.concurrency = Integer.parseInt(ask("Concurrent users", String.valueOf(d.concurrency), v -> {
            if (!v.matches("\\d{1,6}") || Integer.parseInt(v) < 1) {
                throw new IllegalArgumentException("give a whole number >= 1");
            }
            return v;
        }));
        d.duration = ask("Measured duration", d.duration, v -> {
            try {
                return InitCommand.duration(v, "the duration");
            } catch (ScaffoldException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        });
        return new Answers(ask("Write the scenario to", file, v -> v));
    }

    /**
     * Asks once per wrong answer until one is accepted by {@code check} (which returns the value
     * to keep, or throws with the reason). An empty answer keeps the default.
     */
    private String ask(String question, String defaultValue, Function<String, String> check) {
        while (true) {
            String shown = defaultValue == null || defaultValue.isEmpty() ? "" : " [" + defaultValue + "]";
            prompt.print(question + shown + ": ");
            prompt.flush();
            String line = ended ? null : readLine();
            if (line == null) {
                ended = true;
                prompt.println();
            }
            String answer = line == null || line.isBlank() ? defaultValue : line.trim();
            if (answer == null || (answer.isEmpty() && defaultValue == null)) {
                if (ended) {
                    throw new UsageException("no answer to '" + question + "' (input ended); give it as a flag, see llmload init --help");
                }
                prompt.println("  an answer is needed");
                continue;
            }
            try {
                return check.apply(answer);
            } catch (IllegalArgumentException e) {
                if (ended) {
                    throw new UsageException(question + ": " + e.getMessage());
                }
                prompt.println("  " + e.getMessage());
            }
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL for what the user typed or pasted: a full chat-completions URL is cut to its base. */
    static String baseUrl(String text) throws ScaffoldException {
        String t = text.trim().replaceAll("/+$", "");
        if (t.endsWith("/chat/completions")) {
            t = t.substring(0, t.length() - "/chat/completions".length());
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (Exception e) {
            throw new ScaffoldException("'" + text + "' is not a URL; expected one such as http://127.0.0.1:8000/v1");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new ScaffoldException("expected an http:// or https:// base URL such as http://127.0.0.1:8000/v1, or 'embedded'; got '"
                    + text + "'");
        }
        return t;
    }

    static boolean isLocal(String url) {
        if (url.equals(StarterDraft.EMBEDDED)) {
            return true;
        }
        String host = URI.create(url).getHost();
        return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
