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

    private KnownSecrets() {
    }

    /** Remembers a value known to be secret (an API key, an Authorization header's value). */
    public static void remember(String value) {
        if (value != null && value.strip().length() >= MIN_VALUE) {
            add(value.strip());
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

    /** {@code text} with every known secret replaced by {@value #MASK}. */
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
        return out;
    }
}
