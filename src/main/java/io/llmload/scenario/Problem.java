package io.llmload.scenario;

/** One thing wrong with a scenario: where, which key, and what to do about it. */
public record Problem(Location location, String path, String message) {

    @Override
    public String toString() {
        String at = location == null ? "" : location + ": ";
        String key = path == null || path.isEmpty() ? "" : path + ": ";
        return at + key + message;
    }
}
