package io.llmload.result;

import java.util.Map;

/** One sweep point: the settings it ran with and its summary. */
public record Point(Map<String, Object> settings, Summary summary) {
}
