package io.llmload.scenario;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over text already in memory, in linear time. The original reads
 * 1 KiB at a time into a window and, on every read, copies the part of the window not yet consumed
 * ({@code StreamReader.update}, SnakeYAML 2.5); while the scanner looks ahead through one token
 * nothing is consumed, so a token of n characters costs n²/1024 copied code points — a 4 MB value
 * took 6 s and 50 MB never ended. A scenario is read whole anyway (at most 3 MiB), so this one
 * decodes it into one array once and moves a pointer.
 *
 * <p>Every public method of {@link StreamReader} is overridden with the original's results (the
 * same line, column and index counting, {@code '\0'} past the end); the superclass's window stays
 * empty and unused. {@code InMemoryStreamReaderTest} holds the parser's tokens and positions to the
 * original's, and fails when SnakeYAML adds a method this class does not override.
 *
 * <p>Thread contract: one parser's, on one thread.
 */
final class InMemoryStreamReader extends StreamReader {
    /** The name SnakeYAML gives a reader-backed stream, kept so that marks read the same. */
    private static final String NAME = "'reader'";

    private final int[] codePoints;
    private final int length;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    InMemoryStreamReader(String text) {
        super(new StringReader(""));
        this.codePoints = text.codePoints().toArray();
        this.length = codePoints.length;
        for (int i = 0; i < length; i++) {
            // The original finds these as it reads; SourceText refuses them before parsing, with a line and column.
            if (!isPrintable(codePoints[i])) {
                throw new ReaderException(NAME, i, codePoints[i], "special characters are not allowed");
            }
        }
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, index, line, column, codePoints, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int n) {
        for (int i = 0; i < n && pointer < length; i++) {
            int c = codePoints[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && pointer < length && codePoints[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return pointer < length ? codePoints[pointer] : '\0';
    }

    @Override
    public int peek(int ahead) {
        return pointer + ahead < length ? codePoints[pointer + ahead] : '\0';
    }

    @Override
    public String prefix(int n) {
        return n == 0 ? "" : new String(codePoints, pointer, Math.min(n, length - pointer));
    }

    @Override
    public String prefixForward(int n) {
        String prefix = prefix(n);
        pointer += n;
        index += n;
        documentIndex += n;
        column += n; // as in the original: a prefix never holds a line break
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
