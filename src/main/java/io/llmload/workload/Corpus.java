package io.llmload.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The built-in text that synthetic prompts are made of, cut into sentences and each sentence into
 * pieces: a word with its leading space ({@code " river"}) or one punctuation mark ({@code ","}).
 * The text is normalised so that every piece is only letters or one mark and two marks never
 * touch. Then the tiktoken pre-tokenizers (cl100k, o200k, p50k, r50k) split any concatenation of
 * pieces exactly at the piece boundaries, so a text's token count is the sum of its pieces'
 * counts, whatever order the sentences come in. That is what lets {@link SyntheticPrompts} hit an
 * exact length by adding numbers instead of tokenizing each prompt.
 *
 * <p>Thread contract: immutable after construction.
 */
final class Corpus {
    static final String RESOURCE = "/io/llmload/workload/corpus.txt";

    /** All pieces back to back; piece {@code i} is {@code text[pieceStart[i] .. pieceStart[i + 1])}. */
    final byte[] text;
    final int[] pieceStart;
    /** Sentence {@code s} is pieces {@code sentenceStart[s] .. sentenceStart[s + 1]}. */
    final int[] sentenceStart;
    /** Distinct words (lower case, no space), in order of first appearance. */
    final List<String> words;

    private Corpus(byte[] text, int[] pieceStart, int[] sentenceStart, List<String> words) {
        this.text = text;
        this.pieceStart = pieceStart;
        this.sentenceStart = sentenceStart;
        this.words = words;
    }

    static Corpus builtIn() {
        try (InputStream in = Corpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Normalises and cuts {@code source}; lines starting with {@code #} are comments. */
    static Corpus parse(String source) {
        StringBuilder out = new StringBuilder();
        List<Integer> pieces = new ArrayList<>();
        List<Integer> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean lastWasWord = false;
        boolean inSentence = false;
        for (String line : source.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (isLetter(c)) {
                    int end = i;
                    while (end < line.length() && isLetter(line.charAt(end))) {
                        end++;
                    }
                    String word = line.substring(i, end);
                    if (!inSentence) {
                        sentences.add(pieces.size());
                        inSentence = true;
                    }
                    pieces.add(out.length());
                    out.append(' ').append(word);
                    if (seen.add(word.toLowerCase())) {
                        words.add(word.toLowerCase());
                    }
                    lastWasWord = true;
                    i = end;
                } else {
                    if (",.;:?!".indexOf(c) >= 0 && lastWasWord) {
                        pieces.add(out.length());
                        out.append(c);
                        lastWasWord = false;
                        if (".?!".indexOf(c) >= 0) {
                            inSentence = false;
                        }
                    }
                    i++; // anything else (quotes, digits, dashes, apostrophes) is dropped
                }
            }
        }
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no words");
        }
        pieces.add(out.length());
        sentences.add(pieces.size() - 1);
        return new Corpus(out.toString().getBytes(StandardCharsets.US_ASCII), toArray(pieces), toArray(sentences), List.copyOf(words));
    }

    int pieceCount() {
        return pieceStart.length - 1;
    }

    int sentenceCount() {
        return sentenceStart.length - 1;
    }

    String piece(int i) {
        return new String(text, pieceStart[i], pieceStart[i + 1] - pieceStart[i], StandardCharsets.US_ASCII);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        Arrays.setAll(a, list::get);
        return a;
    }
}
