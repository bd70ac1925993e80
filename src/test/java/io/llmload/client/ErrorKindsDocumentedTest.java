package io.llmload.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.scenario.RetrySpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every error kind the client can report is in the README's table under "Faults, timeouts,
 * retries" (kind | cause | what you see), and the scenario's list of retryable kinds is the
 * client's list: a kind added in code but not documented, or not retryable, fails here.
 */
class ErrorKindsDocumentedTest {
    /** The kinds that end a request without it failing: counted apart, never retried. */
    private static final Set<String> NOT_FAILURES = Set.of(ErrorKind.CUT_OFF, ErrorKind.CUT_OFF_RETRYING, ErrorKind.CANCELLED);

    /** The fixed names of {@link ErrorKind}, and {@code http_<status>} for {@link ErrorKind#http}. */
    static Set<String> kindsInCode() throws IllegalAccessException {
        Set<String> kinds = new LinkedHashSet<>();
        kinds.add(ErrorKind.http(0).replace("0", "<status>"));
        for (Field f : ErrorKind.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                kinds.add((String) f.get(null));
            }
        }
        return kinds;
    }

    /** The first column of the table headed {@code | kind | cause | what you see …} in the README's faults section. */
    static List<String> kindsInReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## Faults, timeouts, retries\n");
        assertThat(section).as("README section 'Faults, timeouts, retries'").isPositive();
        int next = readme.indexOf("\n## ", section + 1);
        String text = readme.substring(section, next < 0 ? readme.length() : next);
        int table = text.indexOf("\n| kind | cause | what you see");
        assertThat(table).as("a table 'kind | cause | what you see' in that section").isPositive();
        List<String> kinds = new ArrayList<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9_<>]+)` \\|[^|]+\\|[^|]+\\|$");
        String[] lines = text.substring(table + 1).split("\n");
        for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
            Matcher m = row.matcher(lines[i]);
            assertThat(m.matches()).as("a row '| `kind` | cause | what you see |': " + lines[i]).isTrue();
            kinds.add(m.group(1));
        }
        return kinds;
    }

    @Test
    void everyKindInTheCodeHasARowInTheReadmeAndEveryRowAKind() throws Exception {
        Set<String> code = kindsInCode();
        List<String> readme = kindsInReadme();
        assertThat(readme).as("README rows").doesNotHaveDuplicates();
        assertThat(readme).as("kinds with no row in README's 'Faults, timeouts, retries' table").containsAll(code);
        assertThat(code).as("README rows that name no kind in ErrorKind").containsAll(readme);
    }

    @Test
    void everyFailureKindCanBeRetriedAndNoOtherKind() throws Exception {
        Set<String> failures = new LinkedHashSet<>(kindsInCode());
        failures.removeAll(NOT_FAILURES);
        failures.remove("http_<status>"); // retried by status: on: [429]
        assertThat(RetrySpec.RETRYABLE_KINDS).containsExactlyInAnyOrderElementsOf(failures);
    }
}
