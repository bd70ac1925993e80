package io.llmload.cli;

import io.llmload.report.Ansi;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What the live view needs to know about the terminal: its width and whether colours are wanted. */
final class TerminalInfo {
    static final int DEFAULT_COLUMNS = 100;

    private TerminalInfo() {
    }

    static Ansi ansi(Console console) {
        return Ansi.detect(console.terminal(), console.env().apply("NO_COLOR"), console.env().apply("TERM"));
    }

    /** $COLUMNS when exported, else what {@code stty size} says about the controlling terminal, else 100. */
    static int columns(Console console) {
        Integer fromEnv = parse(console.env().apply("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        if (!console.terminal() || !console.ownsProcess()) {
            return DEFAULT_COLUMNS;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return DEFAULT_COLUMNS;
            }
            String[] rowsCols = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            Integer cols = rowsCols.length == 2 ? parse(rowsCols[1]) : null;
            return cols == null ? DEFAULT_COLUMNS : cols;
        } catch (Exception e) {
            return DEFAULT_COLUMNS; // no stty (Windows) or no tty: a safe width
        }
    }

    private static Integer parse(String s) {
        try {
            int n = Integer.parseInt(s == null ? "" : s.trim());
            return n >= 20 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
