package io.llmload.record;

/**
 * What every request of one run shares in {@code requests.jsonl}.
 *
 * @param run               the run's number in the campaign, from 1
 * @param variant           the variant a sequential variant run measures, or null
 * @param sweepPoint        the sweep point's index, or null when not a sweep
 * @param lanesAreVariants  interleaved variants: each lane's name is its variant
 */
public record RunTags(int run, String variant, Integer sweepPoint, boolean lanesAreVariants) {
    public static final RunTags SINGLE = new RunTags(1, null, null, false);
}
