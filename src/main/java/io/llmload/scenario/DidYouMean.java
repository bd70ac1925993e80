package io.llmload.scenario;

import java.util.Collection;

/** Suggests the closest known word for a misspelled one (Damerau-Levenshtein distance). */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The best candidate within a distance that scales with the word's length, or null. */
    public static String suggest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase();
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || word.length() < 3) {
            return null; // "did you mean '2'?" for "3" helps nobody
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        if (bestDistance <= allowed || best.toLowerCase().startsWith(w) || w.startsWith(best.toLowerCase())) {
            return best;
        }
        return null;
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
