package io.llmload.scaffold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmload.scenario.EnvSubstitution;
import io.llmload.scenario.Scenario;
import io.llmload.scenario.ScenarioException;
import io.llmload.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Curl commands as providers' documentation pages print them, turned into scenarios that validate. */
class CurlImportTest {
    /** The AI/ML API seed page's Python example, written as the equivalent curl command, with a real-looking key. */
    static final String AIML_KEY = "4f1c0ffee0ddba11deadbeef00aiml42";
    static final String AIML_CURL = """
            curl --request POST \\
              --url https://api.aimlapi.com/v1/chat/completions \\
              --header 'Content-Type: application/json' \\
              --header 'Authorization: Bearer %s' \\
              --data '{
                "model": "nvidia/llama-3.1-nemotron-70b-instruct",
                "messages": [
                  {"role": "user", "content": "Hello"}
                ]
              }'
            """.formatted(AIML_KEY);

    @TempDir
    Path tmp;

    private record Imported(StarterDraft draft, CurlImport.Result result, String yaml, Scenario scenario) {
    }

    private Imported imported(String command) throws Exception {
        StarterDraft d = new StarterDraft();
        CurlImport.Result r = CurlImport.apply(CurlCommand.parse(ShellWords.split(command), tmp), d, null);
        String yaml = StarterScenario.render(d, "s.yaml", null);
        Scenario s = new ScenarioLoader(new EnvSubstitution(n -> "set")).loadText(yaml, "s.yaml", List.of());
        return new Imported(d, r, yaml, s);
    }

    @Test
    void theAimlApiExampleBecomesAScenarioWithTheKeyInAnEnvReference() throws Exception {
        Imported i = imported(AIML_CURL);
        assertThat(i.scenario().target().url()).isEqualTo("https://api.aimlapi.com/v1");
        assertThat(i.scenario().target().model()).isEqualTo("nvidia/llama-3.1-nemotron-70b-instruct");
        assertThat(i.scenario().target().apiKeyEnv()).isEqualTo("AIML_API_KEY");
        assertThat(i.scenario().target().headers()).isEmpty();
        assertThat(i.scenario().request().stream()).isFalse();
        assertThat(i.scenario().request().maxTokens()).isNull();
        assertThat(i.scenario().workload().messages()).containsExactly(Map.of("role", "user", "content", "Hello"));
        assertThat(i.scenario().name()).isEqualTo("llama-3.1-nemotron-70b-instruct");
        assertThat(i.result().keyVariable()).isEqualTo("AIML_API_KEY");
        assertThat(i.result().keyWasInline()).isTrue();
        assertThat(i.yaml()).doesNotContain(AIML_KEY).contains("api_key_env: AIML_API_KEY");
        assertThat(String.join("\n", i.result().notes())).doesNotContain(AIML_KEY).contains("AIML_API_KEY");
    }

    @Test
    void thePagesPlaceholderKeyIsMovedLikeARealOne() throws Exception {
        Imported i = imported(AIML_CURL.replace(AIML_KEY, "<YOUR_AIMLAPI_KEY>"));
        assertThat(i.scenario().target().apiKeyEnv()).isEqualTo("AIML_API_KEY");
        assertThat(i.yaml()).doesNotContain("YOUR_AIMLAPI_KEY");
    }

    @Test
    void openAisExampleKeepsItsVariableAndStreams() throws Exception {
        Imported i = imported("""
                curl https://api.openai.com/v1/chat/completions \\
                  -H "Content-Type: application/json" \\
                  -H "Authorization: Bearer $OPENAI_API_KEY" \\
                  -d '{
                    "model": "gpt-4o-mini",
                    "messages": [
                      {"role": "developer", "content": "You are a helpful assistant."},
                      {"role": "user", "content": "Hello!"}
                    ],
                    "stream": true
                  }'
                """);
        assertThat(i.scenario().target().url()).isEqualTo("https://api.openai.com/v1");
        assertThat(i.scenario().target().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(i.result().keyWasInline()).isFalse();
        assertThat(i.scenario().request().stream()).isTrue();
        assertThat(i.scenario().workload().messages()).hasSize(2);
        assertThat(i.result().notes()).isEmpty();
    }

    @Test
    void aLocalVllmCurlKeepsItsSamplingParameters() throws Exception {
        Imported i = imported("curl -sS http://localhost:8000/v1/chat/completions/ -H 'Content-Type: application/json' -d "
                + "'{\"model\": \"Qwen/Qwen2.5-1.5B-Instruct\", \"messages\": [{\"role\": \"user\", \"content\": \"Say \\\"hi\\\"\\nand stop\"}], "
                + "\"max_tokens\": 64, \"temperature\": 0.7, \"stop\": [\"\\n\\n\"], \"stream\": true, \"stream_options\": {\"include_usage\": true}}'");
        assertThat(i.scenario().target().url()).isEqualTo("http://localhost:8000/v1");
        assertThat(i.scenario().target().apiKeyEnv()).isNull();
        assertThat(i.scenario().request().maxTokens()).isEqualTo(64);
        assertThat(i.scenario().request().params()).containsExactly(Map.entry("temperature", 0.7), Map.entry("stop", List.of("\n\n")));
        assertThat(i.scenario().workload().messages()).containsExactly(Map.of("role", "user", "content", "Say \"hi\"\nand stop"));
        assertThat(i.result().notes()).anyMatch(n -> n.contains("stream_options"));
        assertThat(i.result().notes()).anyMatch(n -> n.contains("-s -S"));
    }

    @Test
    void transportOptionsAndOtherSecretHeadersAreCarriedOver() throws Exception {
        Imported i = imported("curl -XPOST -k -m 90 --connect-timeout 2.5 --http2 https://llm.internal.example.com/v1/chat/completions "
                + "-H 'api-key: abc123' -H 'X-Team: $TEAM' --json '{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}'");
        assertThat(i.scenario().target().url()).isEqualTo("https://llm.internal.example.com/v1");
        assertThat(i.scenario().target().http().tlsVerify()).isFalse();
        assertThat(i.scenario().target().http().version()).isEqualTo("2");
        assertThat(i.scenario().target().timeouts().total()).hasSeconds(90);
        assertThat(i.scenario().target().timeouts().connect()).hasMillis(2500);
        assertThat(i.yaml()).doesNotContain("abc123").contains("api-key: \"${env:EXAMPLE_API_KEY}\"").contains("X-Team: \"${env:TEAM}\"");
        assertThat(i.result().keyVariable()).isEqualTo("EXAMPLE_API_KEY");
        assertThat(i.result().keyWasInline()).isTrue();
        assertThat(i.scenario().target().secretHeaders()).containsExactly("api-key");
    }

    @Test
    void aBodyFileIsRead() throws Exception {
        Files.writeString(tmp.resolve("body.json"), "{\"model\": \"from-file\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");
        assertThat(imported("curl http://127.0.0.1:8000/v1/chat/completions -d @body.json").scenario().target().model()).isEqualTo("from-file");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wget http://h/v1/chat/completions | expected a curl command",
        "curl -H 'a: b' | has no URL",
        "curl http://h/v1/audio/speech -d '{}' | expected a URL ending in /chat/completions, /completions, /embeddings, /rerank",
        "curl http://h/v1/models | expected a URL ending in /chat/completions",
        "curl 'http://h/openai/chat/completions?api-version=1' -d '{}' | query string",
        "curl ftp://h/v1/chat/completions -d '{}' | http:// or https://",
        "curl http://h/v1/chat/completions | has no body",
        "curl -X GET http://h/v1/chat/completions -d '{}' | sends GET",
        "curl http://h/v1/chat/completions -d 'model=m' | not JSON",
        "curl http://h/v1/chat/completions -d '[1]' | not a JSON object",
        "curl http://h/v1/chat/completions -d '{\"model\": 3}' | \"model\" is not a string",
        "curl http://h/v1/chat/completions -d '{\"messages\": []}' | not a non-empty list",
        "curl http://h/v1/chat/completions -d '{\"max_tokens\": 0}' | max_tokens",
        "curl -u me:pw http://h/v1/chat/completions -d '{}' | basic auth",
        "curl -F x=1 http://h/v1/chat/completions | multipart form",
        "curl http://a/v1/chat/completions http://b/v1/chat/completions | two URLs",
        "curl http://h/v1/chat/completions -d '{}' -d '{}' | 2 bodies",
        "curl http://h/v1/chat/completions -H 'Content-Type: text/plain' -d '{}' | Content-Type: text/plain",
        "curl http://h/v1/chat/completions -d @missing.json | cannot read the body file",
        "curl http://h/v1/chat/completions -H | has no value",
    })
    void commandsThatAreNotAChatCompletionAreRefusedWithTheReason(String command, String reason) {
        assertThatThrownBy(() -> CurlImport.apply(CurlCommand.parse(ShellWords.split(command), tmp), new StarterDraft(), null))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.openai.com/v1, OPENAI_API_KEY",
        "https://api.aimlapi.com/v1, AIML_API_KEY",
        "https://api.together.xyz/v1, TOGETHER_API_KEY",
        "https://openrouter.ai/api/v1, OPENROUTER_API_KEY",
        "https://api.x.ai/v1, XAI_API_KEY",
        "https://llm.example.co.uk/v1, EXAMPLE_API_KEY",
        "http://127.0.0.1:8000/v1, LLM_API_KEY",
        "http://gpu-box:8000/v1, LLM_API_KEY",
    })
    void keyVariablesFollowTheProvidersConvention(String url, String name) {
        assertThat(KeyNames.forUrl(url)).isEqualTo(name);
    }

    @Test
    void aDraftWithoutAModelCannotBeRendered() throws ScenarioException {
        StarterDraft d = new StarterDraft();
        d.url = "http://127.0.0.1:8000/v1";
        assertThatThrownBy(() -> StarterScenario.render(d, "s.yaml", null)).hasMessageContaining("model");
    }

    /** Anthropic's own example (docs.anthropic.com/en/api/messages, "Example"), with the key written inline. */
    @Test
    void theAnthropicExampleBecomesAMessagesScenarioWithTheKeyFromTheEnvironment() throws Exception {
        String key = "sk-ant-api03-0123456789abcdef";
        Imported i = imported("""
                curl https://api.anthropic.com/v1/messages \\
                     --header "x-api-key: %s" \\
                     --header "anthropic-version: 2023-06-01" \\
                     --header "content-type: application/json" \\
                     --data '{"model": "claude-sonnet-4-20250514", "max_tokens": 1024, "system": "Be brief.",
                              "messages": [{"role": "user", "content": "Hello, world"}]}'
                """.formatted(key));
        assertThat(i.yaml()).doesNotContain(key).contains("api: messages");
        assertThat(i.scenario().target().api()).isEqualTo("messages");
        assertThat(i.scenario().target().url()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(i.scenario().target().apiKeyEnv()).isNotBlank();
        assertThat(i.result().keyVariable()).isEqualTo(i.scenario().target().apiKeyEnv());
        assertThat(i.result().keyWasInline()).isTrue();
        assertThat(i.scenario().target().headers()).containsExactly(Map.entry("anthropic-version", "2023-06-01"));
        assertThat(i.scenario().request().maxTokens()).isEqualTo(1024);
        assertThat(i.scenario().request().params()).isEmpty();
        assertThat(i.scenario().workload().messages()).containsExactly(Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Hello, world"));
    }

    @Test
    void anAnthropicKeyInAVariableIsTakenByName() throws Exception {
        Imported i = imported("curl https://api.anthropic.com/v1/messages -H 'x-api-key: $ANTHROPIC_API_KEY' "
                + "-H 'anthropic-version: 2023-06-01' -d '{\"model\": \"claude\", \"max_tokens\": 64, \"stream\": true, "
                + "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}'");
        assertThat(i.scenario().target().apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(i.result().keyWasInline()).isFalse();
        assertThat(i.yaml()).doesNotContain("x-api-key");
        assertThat(i.scenario().request().stream()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // OpenAI's legacy completions reference example
        "http://127.0.0.1:8000/v1/completions | {\"model\": \"m\", \"prompt\": \"Say this is a test\", \"max_tokens\": 7, \"stream\": true} "
                + "| completions | http://127.0.0.1:8000/v1 | Say this is a test | 7",
        // OpenAI's embeddings reference example
        "https://api.openai.com/v1/embeddings | {\"model\": \"text-embedding-3-small\", \"input\": \"The food was delicious\", "
                + "\"encoding_format\": \"float\"} | embeddings | https://api.openai.com/v1 | The food was delicious | ",
        // vLLM's /v1/rerank (Jina/Cohere shape)
        "http://127.0.0.1:8000/v1/rerank | {\"model\": \"BAAI/bge-reranker-base\", \"query\": \"What is the capital of France?\", "
                + "\"documents\": [\"Paris is the capital.\", {\"text\": \"Berlin is in Germany.\"}], \"top_n\": 2} "
                + "| rerank | http://127.0.0.1:8000/v1 | What is the capital of France? | ",
        // Cohere's v2 rerank path
        "https://api.cohere.com/v2/rerank | {\"model\": \"rerank-v3.5\", \"query\": \"q\", \"documents\": [\"a\"]} "
                + "| rerank | https://api.cohere.com/v2 | q | ",
        // OpenAI's Responses API reference example
        "https://api.openai.com/v1/responses | {\"model\": \"gpt-4.1\", \"input\": \"Tell me a story.\", \"instructions\": \"Be kind.\", "
                + "\"max_output_tokens\": 200, \"stream\": true} | responses | https://api.openai.com/v1 | Tell me a story. | 200"})
    void eachApiIsRecognisedFromItsPath(String url, String body, String api, String base, String prompt, Integer maxTokens)
            throws Exception {
        Imported i = imported("curl " + url + " -H 'Content-Type: application/json' -d '" + body + "'");
        assertThat(i.scenario().target().api()).isEqualTo(api);
        assertThat(i.scenario().target().url()).isEqualTo(base);
        List<Object> messages = i.scenario().workload().messages();
        assertThat(messages.get(messages.size() - 1)).isEqualTo(Map.of("role", "user", "content", prompt));
        assertThat(i.scenario().request().maxTokens()).isEqualTo(maxTokens);
        assertThat(i.scenario().request().params()).doesNotContainKeys("prompt", "input", "query", "documents", "instructions",
                "max_output_tokens");
        if (api.equals("rerank") && base.endsWith("/v1")) {
            assertThat(i.scenario().request().documents()).containsExactly("Paris is the capital.", "Berlin is in Germany.");
            assertThat(i.scenario().request().params()).containsEntry("top_n", 2L);
        }
        if (api.equals("responses")) {
            assertThat(messages.get(0)).isEqualTo(Map.of("role", "system", "content", "Be kind."));
        }
        if (api.equals("embeddings")) {
            assertThat(i.scenario().request().params()).containsEntry("encoding_format", "float");
        }
    }
}
