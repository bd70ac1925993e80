package io.llmload.cli;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries' own log lines off the console. Vert.x, Netty, Hazelcast and Micrometer all
 * log through java.util.logging here (the jar carries no SLF4J or Log4j binding, so Vert.x's and
 * Netty's logger factories fall back to it), and what they would say is already in llmload's own
 * output: a connection reset, for one, was two {@code SEVERE} lines per reset on top of its count
 * in the summary. {@code LLMLOAD_DEBUG} shows them again, as does a logging configuration given
 * with {@code -Djava.util.logging.config.file}. Loggers given a level of their own (Hazelcast's
 * with {@code agent --verbose}) still log through the root's console handler.
 */
final class LibraryLogs {
    /** The root logger; held so that its level is not lost if the log manager let it go. */
    private static final Logger ROOT = Logger.getLogger("");

    private LibraryLogs() {
    }

    /** Silences every logger without a level of its own, unless {@code LLMLOAD_DEBUG} is set or logging is configured. */
    static void quietUnlessDebugging(Function<String, String> env) {
        if (env.apply("LLMLOAD_DEBUG") == null && System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            ROOT.setLevel(Level.OFF);
        }
    }
}
