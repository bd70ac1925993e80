package io.llmload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmload.client.ScriptedServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A server that echoes a masked key, as OpenAI's 401 does: the key's visible ends reach no console line and no report. */
@ExtendWith(VertxExtension.class)
class HalfSecretsCliTest {
    private static final String KEY = "sk-proj-Hh4Ty8Rr2Ww6Ee0Qq3Uu7Ii1Zk5";
    private static final String FIRST = KEY.substring(0, 11);
    private static final String LAST = KEY.substring(KEY.length() - 4);

    @TempDir
    Path tmp;

    @Test
    void aMaskedKeyInAServerErrorLeavesNeitherEndInAnyOutput(Vertx vertx) throws Exception {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + FIRST + "…****…" + LAST + ". You can find your API key "
                + "at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";
        try (ScriptedServer server = ScriptedServer.start(vertx, (req, i) ->
                req.response().setStatusCode(401).putHeader("content-type", "application/json").end(body))) {
            Path file = tmp.resolve("s.yaml");
            Files.writeString(file, """
                    name: half
                    target: {url: "%s", model: m, api_key_env: HALF_KEY}
                    load: {concurrency: 1, requests: 3}
                    report: {formats: [json, html, md, junit, csv]}
                    """.formatted(server.baseUrl()));
            Path out = tmp.resolve("out");
            CliTest.Outcome o = CliTest.llmload(Map.of("HALF_KEY", KEY), "run", file.toString(), "--out", out.toString());
            assertThat(o.code()).as(o.all()).isEqualTo(3);
            // The message stays readable, the key's ends are gone.
            assertThat(o.all()).contains("Incorrect API key provided: ***…****…***. You can find your API key");
            List<String> outputs = new java.util.ArrayList<>(List.of(o.all()));
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) {
                    outputs.add(Files.readString(f));
                }
            }
            assertThat(outputs).hasSizeGreaterThan(5);
            for (String text : outputs) {
                assertThat(text).doesNotContain(FIRST).doesNotContain("…" + LAST).doesNotContain(KEY.substring(0, 6));
            }
        }
    }
}
