package io.llmload.load;

import io.llmload.result.LoadInfo;
import io.llmload.result.Summary;
import java.util.Map;

/** What one lane of a run measured (one variant, when variants are interleaved). */
public record LaneResult(String name, Summary summary, Map<String, String> histograms, double measuredS, LoadInfo load) {
}
