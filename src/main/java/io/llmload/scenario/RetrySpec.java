package io.llmload.scenario;

import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.listOf;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.str;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code request.retry}: whether a failed attempt is tried again (off by default). {@code on}
 * names what is retried, as HTTP statuses ({@code 429}) or error kinds ({@code reset}); the
 * wait before retry n is the server's {@code Retry-After} when it sent one, else
 * {@code backoff * 2^(n-1)}, never more than {@code max_backoff}.
 *
 * @param on the retried outcomes as error-kind names ({@code http_429}, {@code reset})
 */
public record RetrySpec(int max, Duration backoff, Duration maxBackoff, List<String> on) {

    public static final int MAX_RETRIES = 10;

    /** Error kinds that may be retried (every kind but the end-of-run cut-off). */
    public static final List<String> RETRYABLE_KINDS = List.of("connect_refused", "dns", "tls", "timeout_connect",
            "timeout_first_token", "timeout_idle", "timeout_total", "reset", "malformed_stream", "malformed_body",
            "missing_done", "empty_answer", "stream_error", "response_too_large", "unexpected_content_type", "unexpected_encoding", "io_error");

    public static final Shape.Obj SHAPE = obj(
            optional("max", integer(0), 0L, "retries after a failed attempt, at most " + MAX_RETRIES + " (0: never retry)"),
            optional("backoff", duration(), "500ms", "wait before the first retry, doubled for each further one"),
            optional("max_backoff", duration(), "30s", "longest wait between attempts, a server's Retry-After included"),
            optional("on", listOf(str()), List.of(429L, 503L, "reset"), "what is retried: HTTP statuses and error kinds"));

    static RetrySpec from(ObjView v) {
        List<String> on = new ArrayList<>();
        for (Object item : (List<?>) v.plain("on")) {
            String kind = kindOf(item);
            if (kind != null && !on.contains(kind)) {
                on.add(kind);
            }
        }
        return new RetrySpec(Math.toIntExact(Math.min(v.integer("max"), MAX_RETRIES)), v.duration("backoff"),
                v.duration("max_backoff"), List.copyOf(on));
    }

    /** {@code 429} and {@code "http_429"} mean {@code http_429}; a kind name means itself; else null. */
    static String kindOf(Object item) {
        String text = String.valueOf(item).trim();
        if (text.matches("[1-5]\\d\\d")) {
            return "http_" + text;
        }
        if (text.matches("http_[1-5]\\d\\d") || RETRYABLE_KINDS.contains(text)) {
            return text;
        }
        return null;
    }

    static void check(ObjView v, List<Problem> problems) {
        if (v.integer("max") > MAX_RETRIES) {
            problems.add(new Problem(v.location("max"), v.path() + ".max", "at most " + MAX_RETRIES + " retries; got " + v.integer("max")));
        }
        List<Node> items = v.list("on");
        for (int i = 0; i < items.size(); i++) {
            Object value = items.get(i) instanceof Node.ScalarNode s ? s.value() : null;
            if (kindOf(value) == null) {
                String hint = DidYouMean.suggest(String.valueOf(value), RETRYABLE_KINDS);
                problems.add(new Problem(items.get(i).location(), v.path() + ".on[" + i + "]",
                        "expected an HTTP status such as 429 or an error kind (" + String.join(", ", RETRYABLE_KINDS) + "); got '"
                                + value + "'" + (hint != null ? " (did you mean '" + hint + "'?)" : "")));
            }
        }
    }

    public boolean enabled() {
        return max > 0 && !on.isEmpty();
    }
}
