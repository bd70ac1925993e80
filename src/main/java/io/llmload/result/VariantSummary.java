package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** One variant of a run: its name, the settings it changed, its summary and, with repeats, their statistics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantSummary(String name, Map<String, Object> settings, Summary summary, Repeats repeats) {
}
