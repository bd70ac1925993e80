package io.llmload.scaffold;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the environment variable name for an API key from the provider's host, following each
 * provider's own convention where it has one ({@code OPENAI_API_KEY}, {@code AIML_API_KEY}) and
 * {@code <DOMAIN>_API_KEY} otherwise. Stateless.
 */
public final class KeyNames {
    /** Providers whose documented variable name differs from the domain rule. */
    private static final Map<String, String> KNOWN = Map.of(
            "api.aimlapi.com", "AIML_API_KEY",
            "api.x.ai", "XAI_API_KEY",
            "generativelanguage.googleapis.com", "GEMINI_API_KEY",
            "api-inference.huggingface.co", "HF_TOKEN",
            "router.huggingface.co", "HF_TOKEN");
    public static final String LOCAL = "LLM_API_KEY";

    private KeyNames() {
    }

    public static String forUrl(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            return LOCAL;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (KNOWN.containsKey(host)) {
            return KNOWN.get(host);
        }
        if (host.equals("localhost") || host.matches("[0-9.]+") || host.contains(":") || !host.contains(".")) {
            return LOCAL;
        }
        String[] labels = host.split("\\.");
        // the registrable name: example in api.example.com, example in example.co.uk is close enough
        String name = labels[labels.length - 2];
        if (labels.length >= 3 && java.util.Set.of("co", "com", "org", "net", "ac", "gov", "edu").contains(name)) {
            name = labels[labels.length - 3];
        }
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_API_KEY";
    }
}
