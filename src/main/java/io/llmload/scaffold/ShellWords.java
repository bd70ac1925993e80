package io.llmload.scaffold;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a pasted shell command line into words the way a POSIX shell would, without expanding
 * anything: single quotes, double quotes (with their backslash escapes), {@code $'...'} quotes,
 * backslash escapes and backslash-newline continuations, as curl examples on documentation pages
 * use them. {@code $NAME} stays in the word as written, so a caller can see which variable was meant.
 * Stateless.
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<String> split(String line) throws ScaffoldException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && line.charAt(i + 1) == '\n') {
                    i += 2; // line continuation
                    continue;
                }
                if (i + 2 < n && line.charAt(i + 1) == '\r' && line.charAt(i + 2) == '\n') {
                    i += 3;
                    continue;
                }
                if (i + 1 < n) {
                    word.append(line.charAt(i + 1));
                }
                inWord = true;
                i += 2;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ScaffoldException("the command has an unterminated ' quote (starting at character " + (i + 1) + ")");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '\'') {
                i = ansiC(line, i + 2, word);
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads up to the closing quote; returns the index after it. */
    private static int doubleQuoted(String line, int i, StringBuilder word) throws ScaffoldException {
        int start = i;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                if (next == '\n') {
                    i += 2;
                    continue;
                }
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new ScaffoldException("the command has an unterminated \" quote (starting at character " + start + ")");
    }

    /** {@code $'...'}: backslash escapes as in C. */
    private static int ansiC(String line, int i, StringBuilder word) throws ScaffoldException {
        int start = i - 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                word.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        throw new ScaffoldException("the command has an unterminated $' quote (starting at character " + start + ")");
    }
}
