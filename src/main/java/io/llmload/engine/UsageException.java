package io.llmload.engine;

/** A user error found before or outside scenario validation (exit 2); the message says what to do. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
