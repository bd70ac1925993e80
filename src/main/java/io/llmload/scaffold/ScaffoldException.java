package io.llmload.scaffold;

/** Input that cannot become a scenario (a curl command llmload cannot use); the message says why and what to do. */
public final class ScaffoldException extends Exception {
    public ScaffoldException(String message) {
        super(message, null, false, false);
    }
}
