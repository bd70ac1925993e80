package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import io.llmload.scenario.DatasetSpec;
import io.llmload.scenario.ScenarioException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Requests from a dataset file. The file is streamed once when the run is planned (off the event
 * loops): every entry is checked (bad ones fail the run with {@code file:line:col} before anything
 * is sent), entries longer than {@code max_input_tokens} are dropped, and a seeded uniform sample of
 * at most {@code pool_size} entries is kept ({@link Reservoir}); files with fewer entries are kept
 * whole. The kept entries are encoded once as request bodies and sent in a seeded shuffled order,
 * cycling when the run needs more requests than there are entries. Memory is bounded by the pool,
 * never by the file. With media ({@code request.images}/{@code audio}) the bodies are kept with a stand-in
 * for them and the media are copied in as each body is handed out, so they are held once, not per entry.
 *
 * <p>Thread contract: immutable after {@link #load}; {@link #body} may be called from any thread.
 */
public final class DatasetSource implements RequestSource {
    private final Buffer[] bodies;
    private final int[] promptTokens;
    private final int[] order;
    private final InputTokenTally tally;
    private final String description;
    /** The template whose media go into the bodies, or null for a part from another machine (complete bodies). */
    private final BodyTemplate template;
    /** Where each body's media stand-in is, -1 when it has none; null without a template. */
    private final int[] mediaAt;

    private DatasetSource(Buffer[] bodies, int[] promptTokens, int[] order, InputTokenTally tally, String description,
                          BodyTemplate template, int[] mediaAt) {
        this.template = template;
        this.mediaAt = mediaAt;
        this.bodies = bodies;
        this.promptTokens = promptTokens;
        this.order = order;
        this.tally = tally;
        this.description = description;
    }

    /** Reads, checks, filters and samples the file; blocking work, so call it before the run starts. */
    public static DatasetSource load(DatasetSpec spec, BodyTemplate template, Encoding encoding, String tokenizer, long seed)
            throws ScenarioException {
        Sample sample = sample(spec, encoding, seed, false);
        List<Pooled> kept = sample.kept();
        boolean reference = DatasetSpec.OUTPUT_REFERENCE.equals(spec.outputTokens());
        Buffer[] bodies = new Buffer[kept.size()];
        int[] prompt = new int[kept.size()];
        int[] mediaAt = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            Pooled p = kept.get(i);
            DatasetEntry e = p.entry();
            prompt[i] = p.promptTokens() >= 0 ? p.promptTokens() : PromptTokens.count(e.messages(), encoding);
            bodies[i] = template.encodeFrame(e.messages(), reference ? referenceMaxTokens(e, encoding) : null);
            mediaAt[i] = template.mediaAt(bodies[i]);
            kept.set(i, null); // let the parsed entry go as soon as its body exists
        }
        return new DatasetSource(bodies, prompt, order(bodies.length, seed), new InputTokenTally(tokenizer),
                sample.describe(spec, bodies.length, tokenizer), template, mediaAt);
    }

    /**
     * Reads the file for conversations: each kept entry opens a conversation with its messages up
     * to the first user message, and its later user messages are the user's next turns.
     */
    static DatasetConversations loadConversations(DatasetSpec spec, Encoding encoding, String tokenizer, long seed)
            throws ScenarioException {
        Sample sample = sample(spec, encoding, seed, true);
        List<Pooled> kept = sample.kept();
        boolean reference = DatasetSpec.OUTPUT_REFERENCE.equals(spec.outputTokens());
        DatasetConversations.Builder b = new DatasetConversations.Builder(kept.size(), order(kept.size(), seed));
        for (int i = 0; i < kept.size(); i++) {
            DatasetEntry e = kept.get(i).entry();
            b.add(e.messages().subList(0, e.openingSize()), e.laterUserTurns(), reference ? referenceMaxTokens(e, encoding) : null,
                    encoding);
            kept.set(i, null);
        }
        return b.build(sample.describe(spec, kept.size(), tokenizer));
    }

    private static Integer referenceMaxTokens(DatasetEntry e, Encoding encoding) {
        return e.maxTokens() != null ? e.maxTokens()
                : e.reference() != null && !e.reference().isEmpty() ? Math.max(1, encoding.countTokensOrdinary(e.reference())) : null;
    }

    private static int[] order(int size, long seed) {
        List<Integer> shuffled = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            shuffled.add(i);
        }
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The entries kept from a file, and what reading it found. */
    private record Sample(List<Pooled> kept, DatasetReader.Counts counts, long tooLong, long seen) {
        String describe(DatasetSpec spec, int pooled, String tokenizer) {
            return String.format(Locale.ROOT, "dataset %s (%s): %d entries read%s%s, %d in the pool%s, prompt lengths by %s",
                    spec.path().getFileName(), spec.format(), counts.entries,
                    tooLong > 0 ? ", " + tooLong + " over max_input_tokens skipped" : "",
                    counts.skippedEmpty > 0 ? ", " + counts.skippedEmpty + " without a user prompt skipped" : "",
                    pooled, seen > pooled ? " (a seeded sample of " + seen + ")" : "", tokenizer);
        }
    }

    private static Sample sample(DatasetSpec spec, Encoding encoding, long seed, boolean turns) throws ScenarioException {
        String file = spec.path().toString();
        DatasetProblems problems = new DatasetProblems(file);
        DatasetReader reader = new DatasetReader(spec.path(), spec.format(), problems, turns);
        Reservoir<Pooled> pool = new Reservoir<>(spec.poolSize(), seed);
        long[] tooLong = {0};
        Long limit = spec.maxInputTokens();
        try {
            reader.read(entry -> {
                int tokens = -1;
                if (limit != null) {
                    tokens = PromptTokens.count(turns ? entry.messages().subList(0, entry.openingSize()) : entry.messages(), encoding);
                    if (tokens > limit) {
                        tooLong[0]++;
                        return;
                    }
                }
                pool.offer(new Pooled(entry, tokens));
            });
        } catch (IOException e) {
            throw DatasetProblems.fatal(file, "cannot read the dataset: " + e.getMessage());
        }
        problems.throwIfAny();
        DatasetReader.Counts counts = reader.counts();
        List<Pooled> kept = pool.items();
        if (kept.isEmpty()) {
            throw DatasetProblems.fatal(file, "no usable entries (" + counts.entries + " read"
                    + (limit != null ? ", " + tooLong[0] + " over max_input_tokens " + limit : "")
                    + ", " + counts.skippedEmpty + " without a user prompt)");
        }
        return new Sample(kept, counts, tooLong[0], pool.seen());
    }

    /**
     * Part {@code index} of {@code count} for a distributed run: the entries at positions
     * {@code index, index + count, ...} of the shuffled sending order, so the parts are disjoint and
     * together send what one machine would (each part at least one entry; with fewer entries than
     * parts, parts share them).
     */
    public Part part(int index, int count) {
        List<Buffer> partBodies = new ArrayList<>();
        List<Integer> partTokens = new ArrayList<>();
        for (int p = index; p < order.length; p += count) {
            partBodies.add(complete(order[p]));
            partTokens.add(promptTokens[order[p]]);
        }
        if (partBodies.isEmpty()) {
            int p = index % order.length;
            partBodies.add(complete(order[p]));
            partTokens.add(promptTokens[order[p]]);
        }
        return new Part(partBodies, partTokens.stream().mapToInt(Integer::intValue).toArray(), tally.tokenizer());
    }

    /** Ready request bodies with their prompt lengths, in sending order. */
    public record Part(List<Buffer> bodies, int[] promptTokens, String tokenizer) {
    }

    /** A source that sends a {@link Part} in its order, cycling; {@code description} is the console line. */
    public static DatasetSource of(Part part, String description) {
        int[] order = new int[part.bodies().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new DatasetSource(part.bodies().toArray(Buffer[]::new), part.promptTokens().clone(), order,
                new InputTokenTally(part.tokenizer()), description, null, null);
    }

    @Override
    public Buffer body(long sequence) {
        int index = order[(int) Long.remainderUnsigned(sequence, order.length)];
        tally.add(promptTokens[index]);
        if (template != null) {
            template.sent().add(mediaAt[index] >= 0);
        }
        return complete(index);
    }

    /** Body {@code index} with its media in place. */
    private Buffer complete(int index) {
        return mediaAt == null || mediaAt[index] < 0 ? bodies[index] : template.withMedia(bodies[index], mediaAt[index]);
    }

    @Override
    public SentInputs sentInputs() {
        return template == null ? null : template.sent();
    }

    /** Entries kept for sending. */
    public int size() {
        return bodies.length;
    }

    @Override
    public InputTokenTally inputTokens() {
        return tally;
    }

    @Override
    public String description() {
        return description;
    }

    private record Pooled(DatasetEntry entry, int promptTokens) {
    }
}
