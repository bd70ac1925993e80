package io.llmload.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which abort_on_fail threshold stopped the run early, and what it had measured then.
 *
 * @param expr     the threshold as written
 * @param scope    the variant or sweep point it was checked for, or null for the run
 * @param value    the measured value that decided it, in the threshold's unit
 * @param requests measured requests that had ended when it was decided
 * @param atS      seconds since the run (or its trial) started
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbortInfo(String expr, String scope, double value, long requests, double atS) {
}
