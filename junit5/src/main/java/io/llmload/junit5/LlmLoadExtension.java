package io.llmload.junit5;

import io.llmload.api.LlmLoad;
import io.llmload.api.RunResult;
import io.llmload.api.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the scenario of {@link LlmLoadTest} (once per class, or before each annotated method),
 * hands its {@link RunResult} to test parameters, and fails the test after its body when the run
 * did not pass. Also resolves an {@link LlmLoad} parameter, writing to the test's report
 * directory, for tests that run scenarios themselves.
 */
public final class LlmLoadExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LlmLoadExtension.class);
    private static final String RESULT = "result";
    private static final Path REPORTS = Path.of("target", "llmload-reports");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass().flatMap(c -> annotation(c)).ifPresent(a ->
                context.getStore(NS).put(RESULT, new Outcome(a, run(a, reportDir(context, null)))));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        annotation(m).ifPresent(a -> context.getStore(NS).put(RESULT, new Outcome(a, run(a, reportDir(context, m)))));
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        invocation.proceed();
        Outcome o = outcome(context);
        if (o != null && o.annotation.failOnThresholds() && !o.result.passed()) {
            throw new AssertionFailedError("llmload " + o.annotation.value() + ": " + o.result.failureMessage());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
        Class<?> type = p.getParameter().getType();
        return type == RunResult.class || type == LlmLoad.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext context) {
        if (p.getParameter().getType() == LlmLoad.class) {
            return LlmLoad.create().reportsTo(reportDir(context, context.getTestMethod().orElse(null)));
        }
        Outcome o = outcome(context);
        if (o == null) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException(
                    "a RunResult parameter needs @LlmLoadTest on the method or its class");
        }
        return o.result;
    }

    private static Outcome outcome(ExtensionContext context) {
        return context.getStore(NS).get(RESULT, Outcome.class);
    }

    private static Optional<LlmLoadTest> annotation(AnnotatedElement e) {
        return Optional.ofNullable(e.getAnnotation(LlmLoadTest.class));
    }

    private static Path reportDir(ExtensionContext context, Method m) {
        String name = context.getRequiredTestClass().getSimpleName() + (m == null ? "" : "." + m.getName());
        return REPORTS.resolve(name);
    }

    private static RunResult run(LlmLoadTest a, Path dir) {
        Scenario s = Scenario.load(locate(a.value()));
        for (String o : a.set()) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@LlmLoadTest set: 'path=value', not '" + o + "'");
            }
            s = s.with(o.substring(0, eq), o.substring(eq + 1));
        }
        for (String t : a.thresholds()) {
            s = s.withThreshold(t);
        }
        List<String> formats = new ArrayList<>(List.of("json"));
        formats.addAll(List.of(a.formats()));
        return LlmLoad.create().reportsTo(dir).formats(formats.toArray(String[]::new)).runBlocking(s);
    }

    /** The file itself, or a class path resource copied out (the loader reads files, for file:line:col). */
    private static Path locate(String name) {
        Path file = Path.of(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        URL url = Thread.currentThread().getContextClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("@LlmLoadTest: no scenario " + file.toAbsolutePath() + " nor class path resource " + name);
        }
        try (InputStream in = url.openStream()) {
            Path copy = Files.createTempDirectory("llmload-junit5").resolve(file.getFileName());
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + url, e);
        }
    }

    /** A run and the annotation that asked for it. */
    private record Outcome(LlmLoadTest annotation, RunResult result) {
    }
}
