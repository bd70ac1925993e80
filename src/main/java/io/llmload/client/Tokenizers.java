package io.llmload.client;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The tiktoken encodings (jtokkit) by name: {@code cl100k_base}, {@code o200k_base}, ...
 * Loading one reads its vocabulary (a few hundred ms), so do it once before a run starts, off the
 * event loops. Thread contract: thread-safe; encodings are immutable and may be shared.
 */
public final class Tokenizers {
    public static final String DEFAULT = "cl100k_base";
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private Tokenizers() {
    }

    /** The encoding of that name; throws IllegalArgumentException for an unknown one. */
    public static Encoding encoding(String name) {
        EncodingType type = EncodingType.fromName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown tokenizer '" + name + "'"));
        return REGISTRY.getEncoding(type);
    }
}
