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

    /** A key of its own per test: the remembered secrets are the process's. */
    private static final String KEY = "sk-proj-Qz7Lm2Vb9TxR4nPa8WcYfK2w";

    @Test
    void theVisibleEndsOfAMaskedKeyAreScrubbedWhereverAServerShowsThem() {
        KnownSecrets.remember(KEY);
        String[][] cases = {
                {"Incorrect API key provided: sk-proj-Qz7…****…fK2w.", "Incorrect API key provided: ***…****…***."},
                {"key sk-proj-Qz7L****************cYfK2w is invalid", "key ***" + "*".repeat(16) + "*** is invalid"},
                {"sk-proj-Qz7L...fK2w", "***...***"},
                {"\"api_key\":\"sk-proj-Qz••••••••fK2w\"", "\"api_key\":\"***••••••••***\""},
                {"sk-proj-Qz7Lxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "***xxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
                {"key ending in ...YfK2w", "key ending in ...***"},
                // Six characters or more with a letter are identifying on their own, at the start or end of a word.
                {"your key sk-proj-Qz7Lm2 was revoked", "your key *** was revoked"},
                {"key ending 8WcYfK2w", "key ending ***"},
                {"a partial echo sk-proj-Qz7Lm2Vb9TxR4nPa8Wc…", "a partial echo ***…"},
        };
        for (String[] c : cases) {
            assertThat(KnownSecrets.scrub(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void ordinaryTextNearAKeysEndsStaysReadable() {
        KnownSecrets.remember("Bearer " + KEY);
        KnownSecrets.remember("tok-Ab3dE5gH7jK9-2024");
        KnownSecrets.remember("expected-key"); // a hand-made test key whose start is a word
        String[] kept = {
                "fK2w alone is four characters, not a key",     // 4 characters with no mask next to them
                "sk-pr and sk-proj are not keys either",          // shorter than 4, or not a prefix of 6+ with the rest matching
                "the Bearer scheme was refused",                  // the header value's first word
                "xsk-proj-Qz7Lm2 is inside a longer word",        // not at the start of a word
                "in 2024 we ran 2024 requests",                   // a last piece of digits only, on its own
                "p99 *2024 ms",                                   // a single * is no mask
                "tok-A is not enough",                            // 5 characters alone
                "error: --ttft: expected a duration",             // a word that starts a key
        };
        for (String text : kept) {
            assertThat(KnownSecrets.scrub(text)).as(text).isEqualTo(text);
        }
        // A single * is no mask run (it is how p99*2 or a footnote looks), so the digits after it stay; ** is one.
        assertThat(KnownSecrets.scrub("key tok-Ab3…*-2024")).isEqualTo("key ***…*-2024");
        assertThat(KnownSecrets.scrub("key tok-Ab3…**-2024")).isEqualTo("key ***…*****");
        assertThat(KnownSecrets.scrub("key tok-Ab3d****-2024")).isEqualTo("key ***" + "****" + "***");
    }

    @Test
    void valuesFromTheEnvironmentAreNotCutIntoPieces() {
        KnownSecrets.rememberEnv("DEPLOY_KEY", "/home/someone/keys/deploy-key.pem");
        assertThat(KnownSecrets.scrub("report: /home/someone/out/report.json")).isEqualTo("report: /home/someone/out/report.json");
        assertThat(KnownSecrets.scrub("key /home/someone/keys/deploy-key.pem")).isEqualTo("key ***");
    }
}
