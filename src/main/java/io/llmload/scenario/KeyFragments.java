package io.llmload.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * Finds the half-secrets of a key in text: what is left when a server echoes a masked key back,
 * such as {@code sk-abc…****…wxyz} (its first and last characters around a mask). The rule, chosen
 * so that ordinary words and numbers stay readable:
 *
 * <ul>
 *   <li>a piece is the key's first or last n characters, 4 ≤ n &lt; the key's length, found
 *       as a key would stand: a first piece at the start of a word, a last piece at its end
 *       (a word being a run of letters, digits, {@code _} and {@code -});</li>
 *   <li>it is masked when it touches a mask run — a first piece followed by one, a last piece
 *       preceded by one; a mask run is {@code **} or more, any {@code •} or {@code …}, {@code ..}
 *       or more, {@code xxx}/{@code XXX} or more;</li>
 *   <li>or, on its own, when it is 6 characters or more and looks random: a letter and, besides,
 *       a digit, a {@code -} or {@code _}, or a capital after its first character
 *       ({@code sk-proj-Qz7}, {@code YfK2w}). 4 or 5 characters, digits alone ({@code 2024}), or a
 *       word ({@code expected}, the start of a hand-made key {@code expected-key}) would mask
 *       ordinary text.</li>
 * </ul>
 *
 * A piece runs as far as the text goes on matching the key, so a longer echo is masked whole.
 * Only keys of at least {@value #MIN_KEY} characters without whitespace are looked for; a header
 * value such as {@code Bearer …} is not (its first piece would be the word "Bearer").
 *
 * <p>Thread contract: immutable; {@link #find} may be called from any thread.
 */
final class KeyFragments {
    static final int MIN_KEY = 8;
    private static final int MIN_PIECE = 4;
    private static final int MIN_PIECE_ALONE = 6;

    private final String key;
    private final String firstSeed;
    private final String lastSeed;

    private KeyFragments(String key) {
        this.key = key;
        this.firstSeed = key.substring(0, MIN_PIECE);
        this.lastSeed = key.substring(key.length() - MIN_PIECE);
    }

    /** The fragments of {@code value} to look for, or null when it is too short or not one word. */
    static KeyFragments of(String value) {
        if (value.length() < MIN_KEY || value.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return new KeyFragments(value);
    }

    /**
     * Appends to {@code ranges} (pairs of start, end offsets from {@code count}) the pieces of this
     * key found in {@code text}; returns the new count of ints used.
     */
    int find(String text, int[][] ranges, int count) {
        int n = count;
        int len = key.length();
        for (int i = text.indexOf(firstSeed); i >= 0; i = text.indexOf(firstSeed, i + 1)) {
            if (i > 0 && wordChar(text.charAt(i - 1))) {
                continue; // inside a longer word: not where a key starts
            }
            int m = MIN_PIECE;
            while (m < len - 1 && i + m < text.length() && text.charAt(i + m) == key.charAt(m)) {
                m++;
            }
            if (maskStartsAt(text, i + m) || alone(i, i + m, text)) {
                n = add(ranges, n, i, i + m);
            }
        }
        for (int j = text.indexOf(lastSeed); j >= 0; j = text.indexOf(lastSeed, j + 1)) {
            int end = j + MIN_PIECE;
            if (end < text.length() && wordChar(text.charAt(end))) {
                continue; // a longer word goes on: not where a key ends
            }
            int m = MIN_PIECE;
            while (m < len - 1 && end - m - 1 >= 0 && text.charAt(end - m - 1) == key.charAt(len - m - 1)) {
                m++;
            }
            if (maskEndsAt(text, end - m) || alone(end - m, end, text)) {
                n = add(ranges, n, end - m, end);
            }
        }
        return n;
    }

    /**
     * Whether {@code text[from, to)} is identifying on its own: long enough, and random-looking
     * rather than a word or a number (a letter, and a digit, {@code -}, {@code _} or an inner capital).
     */
    private static boolean alone(int from, int to, String text) {
        if (to - from < MIN_PIECE_ALONE) {
            return false;
        }
        boolean letter = false;
        boolean unlikeAWord = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            letter |= Character.isLetter(c);
            unlikeAWord |= Character.isDigit(c) || c == '-' || c == '_' || (k > from && Character.isUpperCase(c));
        }
        return letter && unlikeAWord;
    }

    private static int add(int[][] ranges, int n, int start, int end) {
        if (n + 2 > ranges[0].length) {
            ranges[0] = Arrays.copyOf(ranges[0], Math.max(8, ranges[0].length * 2));
        }
        ranges[0][n] = start;
        ranges[0][n + 1] = end;
        return n + 2;
    }

    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** Whether a mask run begins at {@code at}. */
    static boolean maskStartsAt(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        int run = 1;
        while (at + run < text.length() && text.charAt(at + run) == c) {
            run++;
        }
        return isMaskRun(c, run);
    }

    /** Whether a mask run ends just before {@code at}. */
    static boolean maskEndsAt(String text, int at) {
        if (at <= 0) {
            return false;
        }
        char c = text.charAt(at - 1);
        int run = 1;
        while (at - run - 1 >= 0 && text.charAt(at - run - 1) == c) {
            run++;
        }
        return isMaskRun(c, run);
    }

    private static boolean isMaskRun(char c, int run) {
        return switch (c) {
            case '•', '…' -> true;
            case '*', '.' -> run >= 2;
            case 'x', 'X' -> run >= 3;
            default -> false;
        };
    }

    /** {@code text} with the ranges (pairs in {@code ranges[0..count)}) replaced by {@code mask}, overlaps merged. */
    static String mask(String text, int[] ranges, int count, String mask) {
        int pairs = count / 2;
        long[] sorted = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            sorted[p] = ((long) ranges[2 * p] << 32) | (ranges[2 * p + 1] & 0xffffffffL);
        }
        Arrays.sort(sorted);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (long r : sorted) {
            int start = (int) (r >>> 32);
            int end = (int) r;
            if (end <= copied) {
                continue;
            }
            if (start >= copied) {
                out.append(text, copied, start).append(mask);
            }
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The pieces of every key in {@code keys} that {@code text} holds, masked; {@code text} itself when none. */
    static String scrub(String text, List<KeyFragments> keys, String mask) {
        int[][] ranges = {new int[0]};
        int count = 0;
        for (KeyFragments k : keys) {
            count = k.find(text, ranges, count);
        }
        return count == 0 ? text : mask(text, ranges[0], count, mask);
    }
}
