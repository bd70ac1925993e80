package io.llmload.scenario;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret values this process has seen — the API key, secret header values, values taken from
 * credential-named environment variables — so that every console line and report file can be
 * scrubbed of them wherever they ended up (a model name or a URL built from a key, a server's
 * error message echoing it). A last line of defence: code that knows a value is secret redacts it
 * itself.
 *
 * <p>The values that are sent to the server as credentials ({@link #remember}: the API key, secret
 * header values) are also scrubbed of their half-secrets — the first or last characters a server
 * shows when it echoes a masked key, {@code sk-abc…****…wxyz} — by the rule of {@link KeyFragments}.
 * Values from credential-named environment variables are not: they may be paths or URLs whose
 * first characters are ordinary text, and only what was sent can come back from the server.
 */
public final class KnownSecrets {
    public static final String MASK = "***";
    /** Names that hold credentials: MAX_TOKENS or TOKENIZER do not, HF_TOKEN and OPENAI_API_KEY do. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)(.*(API_?KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|ACCESS_?TOKEN|AUTH_?TOKEN|BEARER).*|(.*_)?(KEY|TOKEN))");
    /** Shorter values from the environment (a port, a flag) would mask ordinary text. */
    private static final int MIN_ENV_VALUE = 8;
    private static final int MIN_VALUE = 4;
    private static final Set<String> VALUES = new HashSet<>(); // guarded by the class (add)
    /** {@link #VALUES} longest first (so a key inside a header value goes too), rebuilt when one is added: scrubbing runs per console line. */
    private static volatile List<String> longestFirst = List.of();
    /** The keys whose half-secrets are scrubbed too, built once per key rather than per line. */
    private static volatile List<KeyFragments> fragments = List.of();
    private static final Set<String> FRAGMENT_KEYS = new HashSet<>(); // guarded by the class

    private KnownSecrets() {
    }

    /** Remembers a value known to be secret (an API key, an Authorization header's value). */
    public static void remember(String value) {
        if (value != null && value.strip().length() >= MIN_VALUE) {
            add(value.strip());
            addFragments(value.strip());
        }
    }

    /** Remembers the value of environment variable {@code name} if the name says it holds a credential. */
    public static void rememberEnv(String name, String value) {
        if (value != null && value.strip().length() >= MIN_ENV_VALUE && CREDENTIAL_NAME.matcher(name).matches()) {
            add(value.strip());
        }
    }

    private static synchronized void add(String value) {
        if (VALUES.add(value)) {
            longestFirst = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    private static synchronized void addFragments(String value) {
        KeyFragments f = KeyFragments.of(value);
        if (f != null && FRAGMENT_KEYS.add(value)) {
            List<KeyFragments> more = new java.util.ArrayList<>(fragments);
            more.add(f);
            fragments = List.copyOf(more);
        }
    }

    /**
     * {@code text} with every known secret replaced by {@value #MASK}, and the half-secrets of the
     * credentials sent (a masked key's visible first and last characters) too.
     */
    public static String scrub(String text) {
        List<String> secrets = longestFirst;
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        List<KeyFragments> keys = fragments;
        return keys.isEmpty() ? out : KeyFragments.scrub(out, keys, MASK);
    }
}
