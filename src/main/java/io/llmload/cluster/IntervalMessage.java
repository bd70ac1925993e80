package io.llmload.cluster;

import io.llmload.metrics.Histograms;
import io.llmload.metrics.IntervalSnapshot;
import io.llmload.metrics.Metric;
import io.llmload.result.TimePoint;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One agent's measurements for one second of a trial, as streamed to the coordinator: the
 * interval's counters and each latency metric's interval histogram (HdrHistogram compressed,
 * base64), so the coordinator adds histograms exactly instead of averaging percentiles. About
 * 1-3 KB as JSON (see {@code IntervalMessageCodec}).
 *
 * @param seq        the agent's tick count in this trial, from 1; ticks of all agents align because they start together
 * @param last       the final, partial interval sent when the agent's run ended
 * @param requests   requests that ended in the interval, warmup included (as in {@link TimePoint})
 * @param measuredOk measured requests that succeeded in the interval (the live view's counters)
 * @param histograms encoded interval histograms by metric key; metrics with no values are left out
 */
public record IntervalMessage(String trial, String agent, int seq, boolean last, double elapsedS, boolean warmup, int stage,
                              double target, long requests, long succeeded, long errors, long dropped, int inFlight,
                              long measuredOk, long measuredFailed, Map<String, Long> errorKinds, long inputTokens,
                              long outputTokens, Map<String, String> histograms) {

    /** The message for one sampled interval of a local run. */
    public static IntervalMessage of(String trial, String agent, int seq, boolean last, IntervalSnapshot s) {
        TimePoint p = s.point();
        Map<String, String> encoded = new LinkedHashMap<>();
        s.histograms().forEach((m, h) -> {
            if (h.getTotalCount() > 0) {
                encoded.put(m.key(), Histograms.encode(h));
            }
        });
        return new IntervalMessage(trial, agent, seq, last, s.elapsedS(), p.warmup(), p.stage(), p.target(), p.requests(),
                p.succeeded(), p.errors(), p.dropped(), s.inFlight(), s.succeeded(), s.failed(), Map.copyOf(s.errors()),
                s.inputTokens(), s.outputTokens(), encoded);
    }

    /** The decoded interval histograms, every metric present (empty when the agent sent none). */
    public Map<Metric, Histogram> decodeHistograms() {
        Map<Metric, Histogram> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            String encoded = histograms.get(m.key());
            out.put(m, encoded == null ? Histograms.create() : Histograms.decode(encoded));
        }
        return out;
    }

    public JsonObject toJson() {
        JsonObject errorsJson = new JsonObject();
        errorKinds.forEach(errorsJson::put);
        JsonObject h = new JsonObject();
        histograms.forEach(h::put);
        return new JsonObject().put("trial", trial).put("agent", agent).put("seq", seq).put("last", last)
                .put("elapsed_s", elapsedS).put("warmup", warmup).put("stage", stage).put("target", target)
                .put("requests", requests).put("succeeded", succeeded).put("errors", errors).put("dropped", dropped)
                .put("in_flight", inFlight).put("measured_ok", measuredOk).put("measured_failed", measuredFailed)
                .put("error_kinds", errorsJson).put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("histograms", h);
    }

    public static IntervalMessage fromJson(JsonObject j) {
        Map<String, Long> errorKinds = new LinkedHashMap<>();
        j.getJsonObject("error_kinds", new JsonObject()).forEach(e -> errorKinds.put(e.getKey(), ((Number) e.getValue()).longValue()));
        Map<String, String> histograms = new LinkedHashMap<>();
        j.getJsonObject("histograms", new JsonObject()).forEach(e -> histograms.put(e.getKey(), (String) e.getValue()));
        return new IntervalMessage(j.getString("trial"), j.getString("agent"), j.getInteger("seq"), j.getBoolean("last", false),
                j.getDouble("elapsed_s"), j.getBoolean("warmup", false), j.getInteger("stage", -1), j.getDouble("target", 0.0),
                j.getLong("requests", 0L), j.getLong("succeeded", 0L), j.getLong("errors", 0L), j.getLong("dropped", 0L),
                j.getInteger("in_flight", 0), j.getLong("measured_ok", 0L), j.getLong("measured_failed", 0L), errorKinds,
                j.getLong("input_tokens", 0L), j.getLong("output_tokens", 0L), histograms);
    }
}
