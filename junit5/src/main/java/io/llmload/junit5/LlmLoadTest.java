package io.llmload.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs an llmload scenario for a test. On a method, the scenario runs before that method (which is
 * still marked {@code @Test}); on a class, it runs once before all its tests. A test may take the
 * {@link io.llmload.api.RunResult} as a parameter to assert on its numbers. The scenario's
 * thresholds become assertions: a failed one fails the test with the measured value in the
 * message (unless {@link #failOnThresholds()} is false). Reports land in
 * {@code target/llmload-reports/<class>[.<method>]/}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LlmLoadExtension.class)
public @interface LlmLoadTest {
    /** The scenario file, relative to the working directory (the project's), or a class path resource. */
    String value();

    /** Overrides, each {@code path=value} as the command line's {@code --set}, e.g. {@code load.duration=3s}. */
    String[] set() default {};

    /** Checks added to the scenario's own thresholds, e.g. {@code ttft.p99 < 500ms}. */
    String[] thresholds() default {};

    /** Report formats besides json (always written). */
    String[] formats() default {"html"};

    /** Whether a failed threshold (or a failed run) fails the test; false lets the test judge the {@code RunResult} itself. */
    boolean failOnThresholds() default true;
}
