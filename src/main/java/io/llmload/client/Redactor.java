package io.llmload.client;

import java.util.List;

/**
 * Removes known secret values (the API key, secret header values) from any text that may reach a
 * report, log or console, such as a server's error message that echoes the key back.
 */
public final class Redactor {
    public static final String MASK = "***";
    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
