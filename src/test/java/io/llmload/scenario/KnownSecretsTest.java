package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as a secret to scrub, and what must stay readable. */
class KnownSecretsTest {

    @Test
    void credentialNamedVariablesAreRememberedAndOrdinaryOnesAreNot() {
        KnownSecrets.rememberEnv("HF_TOKEN", "hf-abcdefgh-known-1");
        KnownSecrets.rememberEnv("MY_SERVICE_API_KEY", "svc-abcdefgh-known-2");
        KnownSecrets.rememberEnv("MAX_TOKENS", "cl100k_base-not-secret");
        KnownSecrets.rememberEnv("TOKENIZER", "o200k_base-not-secret");
        KnownSecrets.rememberEnv("OPENAI_API_KEY", "short");
        String text = "hf-abcdefgh-known-1 svc-abcdefgh-known-2 cl100k_base-not-secret o200k_base-not-secret short";
        assertThat(KnownSecrets.scrub(text)).isEqualTo("*** *** cl100k_base-not-secret o200k_base-not-secret short");
    }

    @Test
    void theLongestSecretGoesFirstSoNoPartOfItIsLeft() {
        KnownSecrets.remember("abcd-known-3");
        KnownSecrets.remember("Bearer abcd-known-3-and-more");
        assertThat(KnownSecrets.scrub("Authorization: Bearer abcd-known-3-and-more")).isEqualTo("Authorization: ***");
    }

    @Test
    void credentialQueryParametersAreMaskedInUrls() {
        assertThat(QueryMask.mask("https://h/v1/chat/completions?api-version=2024&api-key=abc123&x=1"))
                .isEqualTo("https://h/v1/chat/completions?api-version=2024&api-key=***&x=1");
        assertThat(QueryMask.mask("https://h/v1?sig=zzz#frag")).isEqualTo("https://h/v1?sig=***#frag");
        assertThat(QueryMask.mask("https://h/v1?monkey=1")).isEqualTo("https://h/v1?monkey=1");
        assertThat(QueryMask.mask("https://h/v1")).isEqualTo("https://h/v1");
    }
}
