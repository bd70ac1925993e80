package io.llmload.scenario;

import static io.llmload.scenario.Shape.duration;
import static io.llmload.scenario.Shape.integer;
import static io.llmload.scenario.Shape.number;
import static io.llmload.scenario.Shape.obj;
import static io.llmload.scenario.Shape.oneOf;
import static io.llmload.scenario.Shape.optional;
import static io.llmload.scenario.Shape.required;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults the built-in mock injects ({@code mock.faults}, {@code llmload mock --fault}), each
 * hitting a given fraction of chat requests. Which request gets which fault is a pure function of
 * the mock's seed and the request's sequence number ({@link #pick}), never of a shared random
 * generator, so a run of N requests meets exactly the same faults every time, whatever the order
 * in which event loops take them, and a test can count the expected faults in advance.
 */
public record MockFaults(List<Fault> faults) {

    /** The fault kinds, in the order their rates are laid end to end on [0, 1). */
    public enum Kind {
        HTTP_429("answer 429 Too Many Requests with a Retry-After header"),
        HTTP_500("answer 500 Internal Server Error"),
        HTTP_503("answer 503 Service Unavailable (with Retry-After when retry_after is set)"),
        RESET("close the connection mid-stream, after after_tokens tokens"),
        STALL_FIRST_TOKEN("send the headers, then nothing for duration before the first token"),
        STALL_MID_STREAM("pause for duration after after_tokens tokens"),
        TRICKLE("write the whole response one byte at a time, byte_gap apart"),
        MALFORMED_CHUNK("send a chunk that is not valid JSON after after_tokens tokens"),
        MISSING_DONE("end the stream without data: [DONE]"),
        HUGE_CHUNK("send one content chunk of 'bytes' bytes after after_tokens tokens"),
        NOT_SSE("answer 200 with an HTML page instead of an event stream"),
        CLOSE_DELIMITED("answer without Content-Length or chunked encoding and end by closing the connection (HTTP/1.0 style)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** The name used in scenarios and flags, e.g. {@code stall_first_token}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String description() {
            return description;
        }
    }

    /**
     * One configured fault. Parameters a kind does not use are null or 0.
     *
     * @param retryAfter  the Retry-After sent with 429/503, or null for none
     * @param duration    how long a stall lasts
     * @param afterTokens how many tokens are sent before a mid-stream fault
     * @param bytes       size of the huge chunk's content
     * @param byteGap     pause between two bytes of a trickled response
     */
    public record Fault(Kind kind, double rate, Duration retryAfter, Duration duration, int afterTokens, int bytes,
                        Duration byteGap) {
    }

    public static final Shape.Obj SHAPE;

    static {
        List<Shape.Field> fields = new ArrayList<>();
        for (Kind k : Kind.values()) {
            fields.add(optional(k.key(), oneOf("a rate from 0 to 1, or a mapping such as {rate: 0.05}", number(0, 1),
                    obj(params(k))), null, k.description()));
        }
        SHAPE = obj(fields.toArray(Shape.Field[]::new));
    }

    private static Shape.Field[] params(Kind k) {
        List<Shape.Field> p = new ArrayList<>();
        p.add(required("rate", number(0, 1), "fraction of chat requests that get this fault"));
        switch (k) {
            case HTTP_429 -> p.add(optional("retry_after", duration(), "1s", "Retry-After sent with the 429 (whole seconds, rounded up)"));
            case HTTP_503 -> p.add(optional("retry_after", duration(), null, "Retry-After sent with the 503 (none when unset)"));
            case STALL_FIRST_TOKEN -> p.add(optional("duration", duration(), "5s", "silence before the first token"));
            case STALL_MID_STREAM -> {
                p.add(optional("duration", duration(), "5s", "length of the pause"));
                p.add(optional("after_tokens", integer(0), 2L, "tokens sent before the pause"));
            }
            case RESET, MALFORMED_CHUNK -> p.add(optional("after_tokens", integer(0), 2L, "tokens sent before the fault"));
            case HUGE_CHUNK -> {
                p.add(optional("bytes", integer(1), 1_048_576L, "size of the chunk's content"));
                p.add(optional("after_tokens", integer(0), 2L, "tokens sent before the huge chunk"));
            }
            case TRICKLE -> p.add(optional("byte_gap", duration(), "1ms", "pause between two bytes"));
            default -> {
            }
        }
        return p.toArray(Shape.Field[]::new);
    }

    public static MockFaults none() {
        return new MockFaults(List.of());
    }

    static MockFaults from(ObjView v) {
        List<Fault> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (!v.has(k.key())) {
                continue;
            }
            Node raw = v.raw(k.key());
            if (raw instanceof Node.ScalarNode s) {
                ObjView defaults = new ObjView(null, (Shape.Obj) ((Shape.OneOf) SHAPE.field(k.key()).shape()).options().get(1), v.path());
                list.add(fault(k, ((Number) s.value()).doubleValue(), defaults));
            } else {
                ObjView p = v.obj(k.key());
                list.add(fault(k, p.number("rate"), p));
            }
        }
        return new MockFaults(List.copyOf(list));
    }

    private static Fault fault(Kind k, double rate, ObjView p) {
        boolean hasRetry = k == Kind.HTTP_429 || k == Kind.HTTP_503;
        boolean hasDuration = k == Kind.STALL_FIRST_TOKEN || k == Kind.STALL_MID_STREAM;
        boolean hasAfter = k == Kind.RESET || k == Kind.STALL_MID_STREAM || k == Kind.MALFORMED_CHUNK || k == Kind.HUGE_CHUNK;
        return new Fault(k, rate, hasRetry ? p.duration("retry_after") : null, hasDuration ? p.duration("duration") : null,
                hasAfter ? Math.toIntExact(p.integer("after_tokens")) : 0,
                k == Kind.HUGE_CHUNK ? Math.toIntExact(p.integer("bytes")) : 0,
                k == Kind.TRICKLE ? p.duration("byte_gap") : null);
    }

    /** Cross-field rule: the rates share one request, so together they cannot exceed 1. */
    static void check(ObjView faults, List<Problem> problems) {
        double total = from(faults).totalRate();
        if (total > 1 + 1e-9) {
            problems.add(new Problem(faults.location(), faults.path(),
                    "the fault rates add up to " + total + "; together they must be at most 1"));
        }
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    public double totalRate() {
        return faults.stream().mapToDouble(Fault::rate).sum();
    }

    /**
     * The fault for chat request number {@code sequence} (0-based, in the order the mock received
     * them), or null for a normal answer. A seeded hash of the sequence number gives a uniform
     * value in [0, 1); the rates are laid end to end in {@link Kind} order and the value picks one.
     */
    public Fault pick(long seed, long sequence) {
        if (faults.isEmpty()) {
            return null;
        }
        double u = unit(seed, sequence);
        double edge = 0;
        for (Fault f : faults) {
            edge += f.rate();
            if (u < edge) {
                return f;
            }
        }
        return null;
    }

    /** SplitMix64 of (seed, sequence), as a double in [0, 1). */
    static double unit(long seed, long sequence) {
        long z = seed * 0x9E3779B97F4A7C15L + (sequence + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /**
     * Parses {@code llmload mock --fault} values: {@code NAME=RATE} or {@code NAME={rate: R, ...}}
     * (YAML flow syntax), validated exactly like {@code mock.faults} in a scenario.
     */
    public static MockFaults parseFlags(List<String> flags) throws ScenarioException {
        Node.MapNode root = new Node.MapNode(Location.flag("--fault"));
        List<Problem> problems = new ArrayList<>();
        for (String flag : flags) {
            Location at = Location.flag("--fault " + flag);
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                problems.add(new Problem(at, null, "expected NAME=RATE, for example --fault http_429=0.1"));
                continue;
            }
            String value = flag.substring(eq + 1).trim();
            Node node;
            try {
                node = TreeReader.read(value.isEmpty() ? "''" : value, at.source(), false);
            } catch (ScenarioException e) {
                node = new Node.ScalarNode(value, at);
            }
            root.put(flag.substring(0, eq).trim(), at, node instanceof Node.ScalarNode s ? new Node.ScalarNode(s.value(), at) : node);
        }
        if (problems.isEmpty()) {
            ShapeValidator.validate(root, SHAPE, "", problems);
        }
        if (problems.isEmpty()) {
            check(new ObjView(root, SHAPE, "--fault"), problems);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return from(new ObjView(root, SHAPE, "--fault"));
    }
}
