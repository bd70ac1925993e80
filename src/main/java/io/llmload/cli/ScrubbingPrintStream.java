package io.llmload.cli;

import io.llmload.scenario.KnownSecrets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A console stream that scrubs {@link KnownSecrets} from everything printed as text. Every
 * {@code println}, {@code printf} and {@code format} of a {@link PrintStream} subclass goes through
 * {@link #print(String)}, so overriding it (and {@link #print(Object)}) covers them.
 */
final class ScrubbingPrintStream extends PrintStream {
    ScrubbingPrintStream(PrintStream target) {
        super(target, true, StandardCharsets.UTF_8);
    }

    @Override
    public void print(String s) {
        super.print(KnownSecrets.scrub(s));
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }

    @Override
    public void println(Object o) {
        println(String.valueOf(o));
    }
}
