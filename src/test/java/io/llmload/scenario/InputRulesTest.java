package io.llmload.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code request.images}, {@code audio}, {@code tools}, {@code tool_choice} and {@code response_format}:
 * read into the model, and refused at their line and column where the target's API has no such input.
 */
class InputRulesTest {
    private final ScenarioLoader loader = new ScenarioLoader(new EnvSubstitution(Map.<String, String>of()::get));

    @TempDir
    Path tmp;

    private Scenario load(String yaml) throws ScenarioException {
        Path file = tmp.resolve("s.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return loader.load(file, List.of());
    }

    private static String scenario(String api, String request) {
        return "target: {url: embedded, model: m, api: " + api + "}\n"
                + "request:\n" + request
                + "workload: {messages: [{role: user, content: hi}]}\n";
    }

    @Test
    void theKeysAreReadWithTheirDefaults() throws Exception {
        Scenario s = load(scenario("chat", """
                  images: {count: 3, width: 64}
                  audio: {seconds: 2.5}
                  tools: [{type: function, function: {name: f, parameters: {type: object}}}]
                  tool_choice: required
                  response_format: {type: json_object}
                """));
        RequestSpec r = s.request();
        assertThat(r.images()).isEqualTo(new ImageInputs(3, 64, 512, List.of()));
        assertThat(r.audio().count()).isEqualTo(1);
        assertThat(r.audio().seconds()).isEqualTo(2.5);
        assertThat(r.tools()).hasSize(1);
        assertThat(r.toolChoice()).isEqualTo("required");
        assertThat(r.responseFormat()).isEqualTo(Map.of("type", "json_object"));
        RequestSpec none = load(scenario("chat", "  stream: true\n")).request();
        assertThat(none.images()).isNull();
        assertThat(none.audio()).isNull();
        assertThat(none.tools()).isEmpty();
        assertThat(none.toolChoice()).isNull();
        assertThat(none.responseFormat()).isNull();
    }

    @Test
    void givenAudioFilesAreResolvedAgainstTheScenarioFile() throws Exception {
        Files.write(tmp.resolve("clip.wav"), new byte[64]);
        Scenario s = load(scenario("chat", "  audio: {files: [clip.wav]}\n"));
        assertThat(s.request().audio().files()).containsExactly(tmp.resolve("clip.wav"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "completions | '  images: {count: 1}\n'                 | s.yaml:3:3: request.images: target.api completions takes text only, no images",
        "embeddings  | '  images: {count: 1}\n'                 | s.yaml:3:3: request.images: target.api embeddings takes text only",
        "rerank      | '  images: {count: 1}\n'                 | s.yaml:3:3: request.images: target.api rerank takes text only",
        "messages    | '  audio: {seconds: 1}\n'                | s.yaml:3:3: request.audio: the Anthropic Messages API has no audio content block",
        "responses   | '  audio: {seconds: 1}\n'                | s.yaml:3:3: request.audio: the Responses API takes text, image and file inputs",
        "embeddings  | '  audio: {seconds: 1}\n'                | s.yaml:3:3: request.audio: target.api embeddings takes text only",
        "messages    | '  response_format: {type: json_object}\n' | s.yaml:3:3: request.response_format: target.api messages has no response_format",
        "completions | '  tools: [{type: function, function: {name: f}}]\n' | s.yaml:3:3: request.tools: target.api completions takes no tools",
        "chat        | '  tool_choice: auto\n'                  | s.yaml:3:16: request.tool_choice: tool_choice needs request.tools",
        "chat        | '  tools: [{type: function, function: {name: f}}]\n  tool_choice: sometimes\n' | s.yaml:4:16: request.tool_choice: expected none, auto, required",
        "messages    | '  tools: [{type: function, function: {name: f}}]\n' | s.yaml:3:11: request.tools[0]: the Messages API takes {name, description, input_schema}",
        "messages    | '  tools: [{name: f, input_schema: {type: object}}]\n  tool_choice: auto\n' | s.yaml:4:16: request.tool_choice: the Messages API takes {type: auto}",
        "responses   | '  tools: [{type: function, function: {name: f}}]\n' | s.yaml:3:11: request.tools[0]: the Responses API takes function tools flat",
        "chat        | '  tools: [{type: function, function: {description: x}}]\n' | s.yaml:3:11: request.tools[0]: a function tool needs function: {name",
        "chat        | '  response_format: {json_schema: {name: x}}\n' | s.yaml:3:20: request.response_format: expected {type: json_schema, ...}",
        "chat        | '  images: {urls: [ftp://x/y.png]}\n'    | s.yaml:3:19: request.images.urls[0]: expected an http(s) URL or a data:image/...;base64, URL",
        "chat        | '  images: {urls: [\"data:text/plain,hi\"]}\n' | s.yaml:3:19: request.images.urls[0]: expected a data URL such as data:image/png;base64",
        "chat        | '  images: {urls: [https://x/a.png], width: 10}\n' | s.yaml:3:37: request.images.width: applies to synthetic images",
        "chat        | '  images: {urls: []}\n'                 | s.yaml:3:12: request.images.urls: is empty; give at least one URL",
        "chat        | '  audio: {files: []}\n'                 | s.yaml:3:11: request.audio.files: is empty; give at least one .wav or .mp3",
        "chat        | '  audio: {files: [clip.ogg]}\n'          | s.yaml:3:19: request.audio.files[0]: input_audio takes wav or mp3",
        "chat        | '  audio: {files: [missing.wav]}\n'       | s.yaml:3:19: request.audio.files[0]: no readable file",
        "chat        | '  tools: [{type: function, function: {name: f}}]\n  params: {tools: []}\n' | s.yaml:3:3: request.tools: also set in request.params.tools",
    })
    void anInputTheApiLacksIsRefusedAtItsPlace(String api, String request, String expected) {
        List<String> problems = ScenarioProblems.of(this::load, scenario(api, request.replace("\\n", "\n")));
        String at = tmp.resolve("s.yaml") + expected.substring("s.yaml".length());
        assertThat(problems).as(String.join("\n", problems)).anySatisfy(p -> assertThat(p).startsWith(at));
    }
}
