package io.llmload.result;

import java.util.Map;

/** One variant of a run: its name, the settings it changed, and its summary. */
public record VariantSummary(String name, Map<String, Object> settings, Summary summary) {
}
