package io.llmload.client;

/** Where a request's output token count came from, best first (DESIGN.md "output tokens"). */
public enum TokenSource {
    USAGE("usage"), TOKENIZER("tokenizer"), CHUNKS("chunks");

    private final String label;

    TokenSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
