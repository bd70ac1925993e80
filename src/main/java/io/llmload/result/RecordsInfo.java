package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of the per-request records ({@code requests.jsonl}): how many were written, and how
 * many were not — dropped by a writer that fell behind the run, or lost after a write error — so a
 * reader of the report knows whether the file holds every request. {@code written + dropped + lost}
 * is every request the run made, the warmup's included.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordsInfo(String file, long written, long dropped, long lost, String error) {
}
