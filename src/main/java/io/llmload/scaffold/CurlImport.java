package io.llmload.scaffold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a curl command for an LLM endpoint into starter-scenario choices: the API from the URL's
 * path ({@code /chat/completions}, {@code /completions}, {@code /embeddings}, {@code /rerank},
 * {@code /responses}, {@code /messages}: {@code target.api}), the base URL (the URL without that
 * path), the model, the prompt as workload messages (chat and Anthropic {@code messages} and
 * {@code system}, completions' {@code prompt}, embeddings' and Responses' {@code input} and
 * {@code instructions}, rerank's {@code query}, its {@code documents} as {@code request.documents}),
 * stream and the output limit from the JSON body (other body fields become {@code request.params}),
 * and the headers. Anthropic's {@code x-api-key} becomes {@code target.api_key_env}. A key written
 * inline is never kept: it becomes {@code target.api_key_env} (or a {@code ${env:NAME}} header)
 * and the caller tells the user which variable to export. Stateless.
 */
public final class CurlImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A whole value that is a shell variable: {@code $NAME} or {@code ${NAME}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i)authorization|proxy-authorization|.*(key|token|secret).*");
    /** Headers that the client sets itself. */
    private static final List<String> DROPPED = List.of("content-type", "accept", "content-length", "host", "user-agent",
            "accept-encoding", "connection");

    /**
     * What the import found besides the draft.
     *
     * @param keyVariable  the variable the key must be exported as, or null when the command carries no key
     * @param keyWasInline true when the command had the key itself (which was not kept), false for {@code $NAME}
     * @param notes        one line each: what was changed or dropped, and why
     */
    public record Result(String keyVariable, boolean keyWasInline, List<String> notes) {
    }

    private CurlImport() {
    }

    /** Each API's path and its {@code target.api}, chat first: "/chat/completions" also ends with "/completions". */
    private static final String[][] APIS = {{"/chat/completions", "chat"}, {"/completions", "completions"},
        {"/embeddings", "embeddings"}, {"/rerank", "rerank"}, {"/responses", "responses"}, {"/messages", "messages"}};

    /** The path {@code target.api} appends to the base URL ({@code /chat/completions} for null). */
    static String pathOf(String api) {
        for (String[] a : APIS) {
            if (a[1].equals(api)) {
                return a[0];
            }
        }
        return APIS[0][0];
    }

    /** The {@code target.api} whose path the URL path ends with, or null. */
    private static String apiOf(String path) {
        for (String[] a : APIS) {
            if (path.endsWith(a[0])) {
                return a[1];
            }
        }
        return null;
    }

    /**
     * Fills {@code draft} from the curl command. {@code keyVariable} names the variable for an
     * inline key (null: chosen from the host).
     */
    public static Result apply(CurlCommand curl, StarterDraft draft, String keyVariable) throws ScaffoldException {
        List<String> notes = new ArrayList<>();
        draft.url = baseUrl(curl.url());
        String api = apiOf(pathOfUrl(curl.url()));
        draft.api = "chat".equals(api) ? null : api;
        draft.origin = "a curl command for " + curl.url();
        if (curl.method() != null && !curl.method().equals("POST")) {
            throw new ScaffoldException("the curl command sends " + curl.method() + "; a chat completion is a POST with a JSON body");
        }
        if (curl.body() == null) {
            throw new ScaffoldException("the curl command has no body; add the chat-completion JSON with -d '{\"model\": ..., \"messages\": [...]}'");
        }
        readBody(curl.body(), draft, notes, api);
        String envName = keyVariable != null ? keyVariable : KeyNames.forUrl(draft.url);
        String foundVariable = null;
        boolean inline = false;
        List<Map.Entry<String, String>> headers = new ArrayList<>(curl.headers());
        if (curl.oauth2Bearer() != null) {
            headers.add(Map.entry("Authorization", "Bearer " + curl.oauth2Bearer()));
        }
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            String value = h.getValue();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") && !value.toLowerCase(Locale.ROOT).contains("json")) {
                throw new ScaffoldException("the curl command sends Content-Type: " + value + "; a chat completion is JSON");
            }
            if (DROPPED.contains(lower)) {
                continue;
            }
            boolean anthropicKey = "messages".equals(api) && lower.equals("x-api-key");
            if ((lower.equals("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)) || anthropicKey) {
                // Anthropic takes its key as x-api-key, which llmload sends itself from api_key_env with target.api messages
                String token = anthropicKey ? value.trim() : value.substring(7).trim();
                Matcher m = VARIABLE.matcher(token);
                if (m.matches()) {
                    draft.apiKeyEnv = m.group(1);
                    foundVariable = m.group(1);
                } else {
                    draft.apiKeyEnv = envName;
                    foundVariable = envName;
                    inline = true;
                    notes.add("the " + (anthropicKey ? "x-api-key" : "Bearer") + " key in the command was not written to the file; "
                            + "it is read from " + envName);
                }
            } else if (SECRET_HEADER.matcher(lower).matches()) {
                String variable = variableIn(value);
                if (variable == null) {
                    // the first secret gets the provider's usual name; any further one is named after its header
                    variable = foundVariable == null ? envName : envName.replaceAll("_API_KEY$", "") + "_"
                            + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
                    inline = true;
                    notes.add("the " + name + " header's value was not written to the file; it is read from " + variable);
                    int space = value.indexOf(' ');
                    String scheme = space > 0 && value.substring(0, space).matches("[A-Za-z]+") ? value.substring(0, space + 1) : "";
                    draft.headers.put(name, scheme + "${env:" + variable + "}");
                } else {
                    draft.headers.put(name, VARIABLE.matcher(value).replaceAll(r -> Matcher.quoteReplacement("${env:" + r.group(1) + "}")));
                }
                if (foundVariable == null) {
                    foundVariable = variable;
                }
            } else {
                draft.headers.put(name, VARIABLE.matcher(value).replaceAll(r -> Matcher.quoteReplacement("${env:" + r.group(1) + "}")));
            }
        }
        if (curl.insecure()) {
            draft.tlsVerify = false;
            notes.add("curl had -k/--insecure, so target.http.tls_verify is false; remove it once the certificate is valid");
        }
        if (curl.httpVersion() != null) {
            draft.httpVersion = curl.httpVersion();
        }
        if (curl.maxTimeSeconds() != null) {
            draft.totalTimeout = seconds(curl.maxTimeSeconds(), "--max-time");
        }
        if (curl.connectTimeoutSeconds() != null) {
            draft.connectTimeout = seconds(curl.connectTimeoutSeconds(), "--connect-timeout");
        }
        if (!curl.ignored().isEmpty()) {
            notes.add("curl options without a scenario equivalent were ignored: " + String.join(" ", curl.ignored()));
        }
        return new Result(foundVariable, inline, List.copyOf(notes));
    }

    /** The API base: the URL without {@code /chat/completions}; anything else is refused with the reason. */
    static String baseUrl(String url) throws ScaffoldException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ScaffoldException("the curl command's URL is not valid: '" + url + "'");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new ScaffoldException("expected an http:// or https:// URL in the curl command; got '" + url + "'");
        }
        if (uri.getRawQuery() != null) {
            throw new ScaffoldException("the URL has a query string (?" + uri.getRawQuery() + "), which llmload cannot send; "
                    + "use an endpoint whose base URL ends before /chat/completions");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String api = apiOf(path);
        if (api == null) {
            throw new ScaffoldException("the curl command calls " + url + ": expected a URL ending in /chat/completions, /completions, "
                    + "/embeddings, /rerank, /responses or /messages, such as https://api.example.com/v1/chat/completions");
        }
        String base = path.substring(0, path.length() - pathOf(api).length());
        return uri.getScheme() + "://" + uri.getRawAuthority() + base;
    }

    /** The URL's path without trailing slashes ("" when it cannot be read; {@link #baseUrl} has refused it then). */
    private static String pathOfUrl(String url) {
        try {
            String p = new URI(url).getRawPath();
            return p == null ? "" : p.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static void readBody(String body, StarterDraft draft, List<String> notes, String api) throws ScaffoldException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ScaffoldException("the curl command's body is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new ScaffoldException("the curl command's body is not a JSON object with model and messages");
        }
        draft.params.clear();
        draft.maxTokens = null;
        draft.stream = false; // the API's default when the body does not ask for a stream
        draft.documents.clear();
        String system = null;
        var fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "model" -> {
                    if (!v.isTextual()) {
                        throw new ScaffoldException("the body's \"model\" is not a string");
                    }
                    draft.model = v.asText();
                }
                case "messages" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw new ScaffoldException("the body's \"messages\" is not a non-empty list");
                    }
                    draft.messages.clear();
                    v.forEach(m -> draft.messages.add(JSON.convertValue(m, Object.class)));
                }
                case "prompt", "input", "query" -> {
                    if (!promptField(api, f.getKey())) {
                        draft.params.put(f.getKey(), JSON.convertValue(v, Object.class));
                    } else {
                        userPrompt(f.getKey(), v, draft, notes);
                    }
                }
                case "system", "instructions" -> {
                    if (!("system".equals(f.getKey()) ? "messages".equals(api) : "responses".equals(api)) || !v.isTextual()) {
                        draft.params.put(f.getKey(), JSON.convertValue(v, Object.class));
                    } else {
                        system = v.asText();
                    }
                }
                case "documents" -> {
                    if (!"rerank".equals(api) || !v.isArray()) {
                        draft.params.put(f.getKey(), JSON.convertValue(v, Object.class));
                    } else {
                        draft.documents.clear();
                        // Cohere and Jina also take {"text": ...} objects; the scenario holds the texts
                        v.forEach(d -> draft.documents.add(d.isTextual() ? d.asText() : d.path("text").asText(d.toString())));
                    }
                }
                case "max_output_tokens", "max_completion_tokens" -> {
                    if (!v.canConvertToInt() || v.asInt() < 1) {
                        throw new ScaffoldException("the body's \"" + f.getKey() + "\" is not a positive integer");
                    }
                    draft.maxTokens = v.asInt();
                }
                case "stream" -> draft.stream = v.asBoolean();
                case "max_tokens" -> {
                    if (!v.canConvertToInt() || v.asInt() < 1) {
                        throw new ScaffoldException("the body's \"max_tokens\" is not a positive integer");
                    }
                    draft.maxTokens = v.asInt();
                }
                case "stream_options" -> notes.add("stream_options was dropped: llmload asks for usage itself when streaming");
                default -> draft.params.put(f.getKey(), JSON.convertValue(v, Object.class));
            }
        }
        if (system != null) {
            draft.messages.add(0, Map.of("role", "system", "content", system));
        }
        if (!json.has("stream") && !"embeddings".equals(api) && !"rerank".equals(api)) {
            notes.add("the command does not stream, so neither does the scenario (request.stream: false); "
                    + "set it to true to measure time to first token and inter-token latency");
        }
        if (draft.messages.isEmpty()) {
            notes.add("the body has no messages; the scenario sends a short greeting");
        }
    }

    /** Whether a body field holds the API's prompt: completions' prompt, embeddings' and Responses' input, rerank's query. */
    private static boolean promptField(String api, String field) {
        return switch (field) {
            case "prompt" -> "completions".equals(api);
            case "input" -> "embeddings".equals(api) || "responses".equals(api);
            case "query" -> "rerank".equals(api);
            default -> false;
        };
    }

    /** The prompt as the workload's messages: a string is one user message; a list of strings or of Responses input items. */
    private static void userPrompt(String field, JsonNode v, StarterDraft draft, List<String> notes) throws ScaffoldException {
        draft.messages.clear();
        if (v.isTextual()) {
            draft.messages.add(Map.of("role", "user", "content", v.asText()));
            return;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new ScaffoldException("the body's \"" + field + "\" is neither a string nor a non-empty list");
        }
        JsonNode first = v.get(0);
        if (first.isObject() && first.has("role")) {
            v.forEach(m -> draft.messages.add(JSON.convertValue(m, Object.class))); // Responses input items are messages
            return;
        }
        if (!first.isTextual()) {
            throw new ScaffoldException("the body's \"" + field + "\" holds " + first.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " values; give strings (token-id prompts are not imported)");
        }
        draft.messages.add(Map.of("role", "user", "content", first.asText()));
        if (v.size() > 1) {
            notes.add("the body's \"" + field + "\" has " + v.size() + " strings; the scenario sends the first as each request's prompt");
        }
    }

    private static String variableIn(String value) {
        Matcher m = VARIABLE.matcher(value);
        return m.find() ? m.group(1) : null;
    }

    private static String seconds(String value, String option) throws ScaffoldException {
        if (!value.matches("\\d+(\\.\\d+)?")) {
            throw new ScaffoldException("curl " + option + " expects seconds; got '" + value + "'");
        }
        return value.replaceAll("\\.0+$", "") + "s";
    }
}
