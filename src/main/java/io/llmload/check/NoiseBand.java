package io.llmload.check;

/**
 * Whether a difference between two measurements is beyond their sampling noise.
 *
 * @param real    true: the difference is beyond noise; false: within it; null: too few samples to tell
 * @param method  how it was judged (quantile_ci, mean_ci, two_proportion, batch_means_t, repeats_t)
 * @param band    the band in words (the intervals compared), or null
 * @param tooFew  why there are too few samples (when {@code real} is null)
 */
record NoiseBand(Boolean real, String method, String band, String tooFew) {

    static NoiseBand tooFew(String method, String why) {
        return new NoiseBand(null, method, null, why);
    }

    boolean decided() {
        return real != null;
    }
}
