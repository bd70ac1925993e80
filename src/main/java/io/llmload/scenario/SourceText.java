package io.llmload.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * A scenario's text, checked before any parser sees it: its size is bounded before the file is read
 * (and while it is read, for a file that does not know its size, such as a pipe), so a 50 MB file
 * costs nothing; its bytes must be UTF-8 text ({@link TextBytes}); and YAML text holds only characters YAML allows, so that the parser, which reads it
 * from memory ({@link InMemoryStreamReader}), never meets one. Thread contract: stateless; any thread.
 */
final class SourceText {
    /**
     * The largest scenario file, in bytes: SnakeYAML's default document limit (3 MiB code points),
     * checked first, as a size. Long prompts belong in a dataset, which is streamed.
     */
    static final int MAX_BYTES = 3 << 20;

    private SourceText() {
    }

    /** Reads {@code file} whole if it is at most {@link #MAX_BYTES}; refuses it before reading otherwise. */
    static String read(Path file) throws ScenarioException {
        String name = file.toString();
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw tooLarge(name, Files.size(file));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // a file that grew since, or a device that never ends
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(name, -1);
            }
            try {
                // git's test for a binary file: a NUL in the first 8000 bytes, even after a bad byte (a PNG's 0x89)
                int nul = firstNul(bytes, 8000);
                if (nul >= 0) {
                    throw TextBytes.nul(nul);
                }
                return TextBytes.decode(bytes, 0, bytes.length);
            } catch (TextBytes.NotText e) {
                int[] at = TextBytes.lineAndColumn(bytes, 0, e.index());
                throw new ScenarioException(new Problem(new Location(name, at[0], at[1]), null, e.describe(0)));
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(new Problem(null, null, "scenario file not found: " + file
                    + " (check the path, or write one with: llmload init --out " + file + ")"));
        } catch (IOException e) {
            throw new ScenarioException(new Problem(null, null, "cannot read " + file + ": " + e.getMessage()));
        }
    }

    /**
     * Refuses YAML text beyond the size limit, or with a character YAML does not allow (a control
     * character), at its line and column. JSON text needs neither: its parser is linear and says
     * where an unescaped control character is.
     */
    static void checkYaml(String text, String source) throws ScenarioException {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(source, -1);
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                String escape = String.format(Locale.ROOT, c <= 0xFF ? "\\x%02X" : "\\u%04X", c);
                throw new ScenarioException(new Problem(new Location(source, line, column), null, String.format(Locale.ROOT,
                        "the character U+%04X, which YAML does not allow (a control character): remove it, or write it as "
                                + "the escape \"%s\" in a double-quoted string", c, escape)));
            }
            i += Character.charCount(c);
            // lines counted as SnakeYAML counts them, so that this location agrees with the parser's
            if (Constant.LINEBR.has(c) || (c == '\r' && i < text.length() && text.charAt(i) != '\n')) {
                line++;
                column = 1;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    /** The first NUL's index among the first {@code within} bytes, or -1. */
    private static int firstNul(byte[] bytes, int within) {
        for (int i = 0; i < Math.min(within, bytes.length); i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static ScenarioException tooLarge(String source, long bytes) {
        String size = bytes < 0 ? "larger than 3 MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
        return new ScenarioException(new Problem(Location.flag(source), null, "the file is " + size
                + "; a scenario may be at most 3 MiB (" + MAX_BYTES + " bytes): put long prompts in a dataset file "
                + "(workload.dataset) and long request sequences in a trace (load.trace)"));
    }
}
