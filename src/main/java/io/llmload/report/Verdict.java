package io.llmload.report;

/**
 * How a run ended, as the console's last line says it and the process exit code reports it
 * (DESIGN.md "CLI"): the CI outputs repeat it so a build page and the log agree.
 *
 * @param status   PASS, FAIL, DONE (no checks), ERROR (the run itself failed) or INTERRUPTED
 * @param exitCode 0, 1, 3, 130 or 143
 * @param line     the console's last line, e.g. "FAIL: 1 of 2 check(s) failed, first: ..."
 */
public record Verdict(String status, int exitCode, String line) {

    public boolean ok() {
        return exitCode == 0;
    }
}
