package io.llmload.workload;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many prompt tokens the workload sent, as counted by its own tokenizer: one {@link #add}
 * per request body handed out (warmup and failed requests included). Reports put its mean beside
 * the server's {@code usage.prompt_tokens}, because the target model's tokenizer and chat template
 * count differently. Thread contract: thread-safe; drivers add from their event loops.
 */
public final class InputTokenTally {
    private final String tokenizer;
    private final LongAdder tokens = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final DoubleAdder squares = new DoubleAdder();

    public InputTokenTally(String tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** One workload's tally in numbers: requests, and the mean and standard deviation of their prompt lengths. */
    public record Part(long requests, double mean, double stddev) {
    }

    /**
     * The tally of several workloads together (a distributed run's agents) from each one's
     * numbers; the pooled mean and standard deviation are exact.
     */
    public static InputTokenTally pooled(String tokenizer, List<Part> parts) {
        InputTokenTally t = new InputTokenTally(tokenizer);
        for (Part p : parts) {
            t.requests.add(p.requests());
            t.tokens.add(Math.round(p.mean() * p.requests()));
            t.squares.add((p.stddev() * p.stddev() + p.mean() * p.mean()) * p.requests());
        }
        return t;
    }

    public void add(int promptTokens) {
        tokens.add(promptTokens);
        squares.add((double) promptTokens * promptTokens);
        requests.increment();
    }

    /** The encoding that counted, e.g. cl100k_base. */
    public String tokenizer() {
        return tokenizer;
    }

    public long requests() {
        return requests.sum();
    }

    /** Standard deviation of the prompt lengths handed out (0 for a fixed length). */
    public double stddev() {
        long n = requests.sum();
        if (n < 2) {
            return 0;
        }
        double mean = mean();
        return Math.sqrt(Math.max(0, squares.sum() / n - mean * mean));
    }

    /** Mean prompt tokens per request handed out, or 0 when none was. */
    public double mean() {
        long n = requests.sum();
        return n == 0 ? 0 : (double) tokens.sum() / n;
    }
}
