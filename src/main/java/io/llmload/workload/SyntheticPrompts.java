package io.llmload.workload;

import com.knuddels.jtokkit.api.Encoding;
import io.llmload.scenario.DistSpec;
import io.llmload.scenario.SyntheticSpec;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic prompts of exact token lengths: one user message per request whose text is
 * {@code [shared prefix][marker][prose]}. The prefix ({@code prefix_tokens}) is the same in every
 * prompt; the marker is four one-token words spelling the request's sequence number (plus a
 * seeded offset) in base V, least significant word first, so any two prompts of a run differ
 * within the first four tokens after the prefix (a prefix cache cannot flatter the results); the
 * prose is corpus sentences in a seeded random order, cut and padded with one-token words to the
 * drawn length. Lengths are summed from per-piece counts (see
 * {@link Corpus}), so a body costs a few microseconds of copying, not a tokenizer pass.
 *
 * <p>Everything is a pure function of (seed, sequence). Thread contract: immutable; {@link #body}
 * may be called from any thread.
 */
public final class SyntheticPrompts implements RequestSource {
    private static final int MARKER_WORDS = SyntheticSpec.MARKER_TOKENS;

    private final Corpus corpus;
    private final byte[] pieceTokens;
    private final int[] sentenceTokens;
    /** Words that are one token with and without a leading space; marker digits and padding. */
    private final byte[][] spaced;
    private final byte[][] unspaced;
    private final byte[] prefix;
    private final int prefixTokens;
    private final DistSpec input;
    private final DistSpec output;
    private final long seed;
    private final long markerOffset;
    /** V^4: how many distinct markers there are before they would repeat. */
    private final long markerSpace;
    private final BodyTemplate template;
    private final InputTokenTally tally;

    public SyntheticPrompts(SyntheticSpec spec, BodyTemplate template, Encoding encoding, String tokenizer, long seed) {
        this(Corpus.builtIn(), spec, template, encoding, tokenizer, seed);
    }

    SyntheticPrompts(Corpus corpus, SyntheticSpec spec, BodyTemplate template, Encoding encoding, String tokenizer, long seed) {
        this.corpus = corpus;
        this.template = template;
        this.input = spec.inputTokens();
        this.output = spec.outputTokens();
        this.seed = seed;
        this.tally = new InputTokenTally(tokenizer);
        pieceTokens = new byte[corpus.pieceCount()];
        for (int i = 0; i < pieceTokens.length; i++) {
            pieceTokens[i] = (byte) Math.min(127, encoding.countTokensOrdinary(corpus.piece(i)));
        }
        sentenceTokens = new int[corpus.sentenceCount()];
        for (int s = 0; s < sentenceTokens.length; s++) {
            for (int p = corpus.sentenceStart[s]; p < corpus.sentenceStart[s + 1]; p++) {
                sentenceTokens[s] += pieceTokens[p];
            }
        }
        List<byte[]> withSpace = new ArrayList<>();
        List<byte[]> without = new ArrayList<>();
        for (String w : corpus.words) {
            if (encoding.countTokensOrdinary(" " + w) == 1 && encoding.countTokensOrdinary(w) == 1) {
                withSpace.add((" " + w).getBytes(StandardCharsets.US_ASCII));
                without.add(w.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (withSpace.size() < 64) {
            throw new IllegalStateException("the corpus has too few one-token words for " + tokenizer);
        }
        spaced = withSpace.toArray(byte[][]::new);
        unspaced = without.toArray(byte[][]::new);
        markerSpace = (long) spaced.length * spaced.length * spaced.length * spaced.length;
        markerOffset = Math.floorMod(new Random(seed).nextLong(), markerSpace);
        prefixTokens = spec.prefixTokens();
        Text p = new Text(prefixTokens * 5);
        fillProse(p, prefixTokens, new Random(seed ^ 0x5DEECE66DL), true);
        prefix = p.toBytes();
    }

    @Override
    public Buffer body(long sequence) {
        Random random = new Random(mix(seed, sequence));
        int tokens = drawTokens(input, random, true);
        Integer maxTokens = drawMaxTokens(random);
        Text text = prompt(sequence, tokens, random, true);
        tally.add(tokens);
        return template.encodeUserText(text.bytes, text.length, maxTokens);
    }

    /**
     * The body of a prompt of exactly {@code tokens} tokens (at least the prefix and the marker) with
     * the given max_tokens (null: the synthetic output_tokens, else request.max_tokens); for trace
     * records that state their lengths.
     */
    public Buffer body(long sequence, int tokens, Integer maxTokens) {
        Random random = new Random(mix(seed, sequence));
        int n = (int) Math.max(prefixTokens + MARKER_WORDS, Math.min(Integer.MAX_VALUE / 8, tokens));
        Integer max = maxTokens != null ? maxTokens : drawMaxTokens(random);
        Text text = prompt(sequence, n, random, true);
        tally.add(n);
        return template.encodeUserText(text.bytes, text.length, max);
    }

    /**
     * The body of a Mooncake trace record's prompt: one block of prose per hash id, each
     * {@code blockSize} tokens but the last, which holds the rest of {@code tokens}. A block's text
     * is a function of (seed, hash id) alone, so records that share ids share those blocks
     * byte for byte (and token for token: blocks join at piece boundaries, see {@link Corpus}) —
     * the prefix sharing the trace recorded, for a server's prefix cache to find. No shared
     * prefix and no per-request marker: the ids decide what is shared. The caller checked that
     * the last block gets 1 to {@code blockSize} tokens.
     */
    public Buffer body(long sequence, long[] hashIds, int blockSize, int tokens, Integer maxTokens) {
        Random random = new Random(mix(seed, sequence));
        Integer max = maxTokens != null ? maxTokens : drawMaxTokens(random);
        Text t = new Text(tokens * 5 + 16);
        for (int i = 0; i < hashIds.length; i++) {
            int size = i < hashIds.length - 1 ? blockSize : tokens - (hashIds.length - 1) * blockSize;
            fillProse(t, size, new Random(mix(seed ^ HASH_BLOCK_SALT, hashIds[i])), true);
        }
        tally.add(tokens);
        return template.encodeUserText(t.bytes, t.length, max);
    }

    /** Keeps hash-id blocks apart from the per-request streams of the same seed. */
    private static final long HASH_BLOCK_SALT = 0x6A09E667F3BCC909L;

    /**
     * Writes one user message object for request {@code sequence}, its length drawn from
     * {@code lengths}: a conversation's opening ({@code opening}: with the shared prefix) or a
     * later turn (without it). Not counted in this source's tally; returns the tokens and max_tokens.
     */
    ConversationScript.Turn writeUserMessage(long sequence, DistSpec lengths, boolean opening, JsonBytes out) {
        Random random = new Random(mix(seed, sequence));
        int tokens = drawTokens(lengths, random, opening);
        Integer maxTokens = drawMaxTokens(random);
        Text text = prompt(sequence, tokens, random, opening);
        out.append(USER_HEAD).append(text.bytes, 0, text.length).append(USER_TAIL);
        return new ConversationScript.Turn(tokens, maxTokens);
    }

    private static final byte[] USER_HEAD = "{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private int drawTokens(DistSpec lengths, Random random, boolean withPrefix) {
        int least = (withPrefix ? prefixTokens : 0) + MARKER_WORDS;
        return (int) Math.max(least, Math.min(Integer.MAX_VALUE / 8, Math.round(lengths.sample(random))));
    }

    private Integer drawMaxTokens(Random random) {
        return output == null ? null : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(output.sample(random))));
    }

    DistSpec inputLengths() {
        return input;
    }

    int prefixTokens() {
        return prefixTokens;
    }

    /** The prompt of exactly {@code tokens} tokens for this sequence number. */
    String promptText(long sequence, int tokens) {
        return prompt(sequence, tokens, new Random(mix(seed, sequence)), true).toString();
    }

    private Text prompt(long sequence, int tokens, Random random, boolean withPrefix) {
        Text t = new Text(tokens * 5 + 16);
        int shared = withPrefix ? prefixTokens : 0;
        if (withPrefix) {
            t.append(prefix, 0, prefix.length);
        }
        long marker = Math.floorMod(markerOffset + sequence, markerSpace);
        for (int i = 0; i < MARKER_WORDS; i++) {
            // least significant digit first: consecutive requests differ right after the prefix
            int digit = (int) (marker % spaced.length);
            marker /= spaced.length;
            byte[] word = t.length() == 0 ? unspaced[digit] : spaced[digit];
            t.append(word, 0, word.length);
        }
        fillProse(t, tokens - shared - MARKER_WORDS, random, false);
        return t;
    }

    /** Appends exactly {@code tokens} tokens of prose: whole sentences, then part of one, then one-token words. */
    private void fillProse(Text t, int tokens, Random random, boolean mayStartText) {
        int remaining = tokens;
        while (remaining > 0) {
            int s = random.nextInt(sentenceTokens.length);
            int first = corpus.sentenceStart[s];
            int end = corpus.sentenceStart[s + 1];
            if (t.length() == 0 && mayStartText) {
                // the very first word goes without its space; count it as written
                byte[] word = unspaced[random.nextInt(unspaced.length)];
                t.append(word, 0, word.length);
                remaining--;
                continue;
            }
            if (sentenceTokens[s] <= remaining) {
                t.append(corpus.text, corpus.pieceStart[first], corpus.pieceStart[end]);
                remaining -= sentenceTokens[s];
                continue;
            }
            for (int p = first; p < end && pieceTokens[p] <= remaining; p++) {
                t.append(corpus.text, corpus.pieceStart[p], corpus.pieceStart[p + 1]);
                remaining -= pieceTokens[p];
            }
            while (remaining > 0) {
                byte[] word = spaced[random.nextInt(spaced.length)];
                t.append(word, 0, word.length);
                remaining--;
            }
        }
    }

    @Override
    public SentInputs sentInputs() {
        return template.sent();
    }

    @Override
    public InputTokenTally inputTokens() {
        return tally;
    }

    @Override
    public String description() {
        return "synthetic prompts (lengths by " + tally.tokenizer() + (prefixTokens > 0 ? ", shared prefix of " + prefixTokens + " tokens" : "")
                + ", distinct per request)";
    }

    /** Per-request seed: a SplitMix64 finaliser of (seed, sequence), so neighbouring sequences are unrelated. */
    static long mix(long seed, long sequence) {
        long z = seed + (sequence + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A growable ASCII byte array; one per prompt. */
    private static final class Text {
        private byte[] bytes;
        private int length;

        Text(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void append(byte[] src, int from, int to) {
            int n = to - from;
            if (length + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
            }
            System.arraycopy(src, from, bytes, length, n);
            length += n;
        }

        int length() {
            return length;
        }

        byte[] toBytes() {
            return java.util.Arrays.copyOf(bytes, length);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
