package io.llmload.scenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared shape of a scenario value: its type, allowed values, and for objects the known
 * keys with their defaults and one-line descriptions. Shapes drive validation
 * ({@link ShapeValidator}), defaults ({@link ObjView}) and the published JSON Schema, so the
 * three cannot disagree.
 */
public sealed interface Shape {

    /** The type in words, as used in "expected ..." messages. */
    String expected();

    record Str(List<String> allowed) implements Shape {
        @Override
        public String expected() {
            return allowed.isEmpty() ? "a string" : "one of " + String.join(", ", allowed);
        }
    }

    record Int(long min, long max) implements Shape {
        @Override
        public String expected() {
            if (max < Long.MAX_VALUE) {
                return "an integer from " + min + " to " + max;
            }
            return min > Long.MIN_VALUE ? "an integer >= " + min : "an integer";
        }
    }

    record Num(double min, double max) implements Shape {
        @Override
        public String expected() {
            if (max < Double.MAX_VALUE) {
                return "a number from " + fmt(min) + " to " + fmt(max);
            }
            return min > -Double.MAX_VALUE ? "a number >= " + fmt(min) : "a number";
        }

        private static String fmt(double v) {
            return format(v);
        }

        /** A bound or value as written: 100000 rather than 100000.0. */
        static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e18 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    record Bool() implements Shape {
        @Override
        public String expected() {
            return "true or false";
        }
    }

    /** A duration: {@code 250ms}, {@code 5s}, {@code 1m}; a bare number is seconds. */
    record Dur() implements Shape {
        @Override
        public String expected() {
            return "a duration such as 5s or 250ms";
        }
    }

    record ListOf(Shape item, int minItems) implements Shape {
        @Override
        public String expected() {
            return "a list";
        }
    }

    /** A mapping with free-form keys, each value of one shape (headers, request params). */
    record MapOf(Shape value) implements Shape {
        @Override
        public String expected() {
            return "a mapping";
        }
    }

    /** Any JSON value, copied as-is (for example a message's content parts). */
    record Any() implements Shape {
        @Override
        public String expected() {
            return "any value";
        }
    }

    /** One of several shapes, chosen by the kind of node written (scalar, mapping, list). */
    record OneOf(List<Shape> options, String expected) implements Shape {
    }

    /** A mapping with known keys; unknown keys are errors. */
    record Obj(Map<String, Field> fields) implements Shape {
        @Override
        public String expected() {
            return "a mapping";
        }

        public Field field(String name) {
            return fields.get(name);
        }
    }

    /** One key of an {@link Obj}. {@code defaultValue} is a plain value as it would be written in YAML. */
    record Field(String name, Shape shape, boolean required, Object defaultValue, String description) {
    }

    // ---- constructors that read like the scenario they describe ----

    static Str str(String... allowed) {
        return new Str(List.of(allowed));
    }

    /** A whole number from {@code min} up to the largest {@code int}: what most settings are held in. */
    static Int integer(long min) {
        return new Int(min, Integer.MAX_VALUE);
    }

    /** A whole number from {@code min} up to the largest {@code long} (seeds, request budgets, byte limits). */
    static Int longInteger(long min) {
        return new Int(min, Long.MAX_VALUE);
    }

    static Int integer(long min, long max) {
        return new Int(min, max);
    }

    static Num number(double min) {
        return new Num(min, Double.MAX_VALUE);
    }

    static Num number(double min, double max) {
        return new Num(min, max);
    }

    static Bool bool() {
        return new Bool();
    }

    static Dur duration() {
        return new Dur();
    }

    static ListOf listOf(Shape item) {
        return new ListOf(item, 0);
    }

    static ListOf nonEmptyListOf(Shape item) {
        return new ListOf(item, 1);
    }

    static MapOf mapOf(Shape value) {
        return new MapOf(value);
    }

    static Any any() {
        return new Any();
    }

    static OneOf oneOf(String expected, Shape... options) {
        return new OneOf(List.of(options), expected);
    }

    static Obj obj(Field... fields) {
        Map<String, Field> map = new LinkedHashMap<>();
        Arrays.stream(fields).forEach(f -> map.put(f.name(), f));
        return new Obj(map);
    }

    static Field required(String name, Shape shape, String description) {
        return new Field(name, shape, true, null, description);
    }

    static Field optional(String name, Shape shape, Object defaultValue, String description) {
        return new Field(name, shape, false, defaultValue, description);
    }
}
