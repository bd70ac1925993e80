package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every command explains itself with examples; the completion script works in a real bash. */
class HelpAndCompletionTest {
    @TempDir
    Path tmp;

    static List<String> commands() {
        return new CommandLine(new Main(null)).getSubcommands().keySet().stream().filter(c -> !c.equals("help")).toList();
    }

    @Test
    void everyCommandHasHelpWithExamplesThatFitsEightyColumns() {
        assertThat(commands()).contains("run", "validate", "mock", "init", "completion");
        for (String command : commands()) {
            InitCommandTest.Outcome o = InitCommandTest.llmload(command, "--help");
            assertThat(o.code()).as(command).isZero();
            assertThat(o.out()).as(command).startsWith("Usage: llmload " + command).contains("Examples:").contains("-h, --help");
            assertThat(o.out().lines().filter(l -> l.length() > 80)).as(command + " help lines over 80 columns").isEmpty();
        }
        InitCommandTest.Outcome top = InitCommandTest.llmload("--help");
        assertThat(top.out()).contains("llmload init").contains("llmload COMMAND --help");
    }

    @Test
    void versionNamesTheBuild() {
        InitCommandTest.Outcome o = InitCommandTest.llmload("--version");
        assertThat(o.code()).isZero();
        assertThat(o.out()).startsWith("llmload " + Version.version()).contains("Java ");
        if (!Version.commit().isEmpty() && !Version.commit().startsWith("$")) {
            assertThat(o.out().lines().findFirst().orElseThrow()).matches("llmload \\S+ \\([0-9a-f]{7,}(-dirty)?\\)");
        }
    }

    @Test
    void anUnknownShellIsAUsageErrorListingTheKnownOnes() {
        InitCommandTest.Outcome o = InitCommandTest.llmload("completion", "fish");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("[bash, zsh]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "llmload ru | run",
        "llmload re | report",
        "llmload in | init",
        "llmload run --thr | --threshold",
        "llmload init --from | --from-curl",
        "llmload init --str | --stream",
        "llmload completion '' | bash zsh",
        "llmload mock --output | --output-tokens",
    })
    void theBashCompletionScriptCompletesCommandsAndFlags(String line, String expected) throws Exception {
        Path script = tmp.resolve("llmload.bash");
        InitCommandTest.Outcome o = InitCommandTest.llmload("completion", "bash");
        assertThat(o.code()).isZero();
        Files.writeString(script, o.out());
        // Drive the completion function as bash does on TAB: COMP_WORDS, COMP_CWORD, then read COMPREPLY.
        String driver = "source '" + script + "'\n"
                + "COMP_WORDS=(" + line + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_llmload 2>/dev/null; echo \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", driver).redirectErrorStream(false).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String reply = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(reply).as(line).isEqualTo(expected);
    }

    @Test
    void theZshScriptLoadsThroughBashcompinit() throws IOException {
        InitCommandTest.Outcome o = InitCommandTest.llmload("completion", "zsh");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("bashcompinit").contains("complete -F _complete_llmload");
    }
}
