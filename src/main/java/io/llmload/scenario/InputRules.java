package io.llmload.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks {@code request.images}, {@code request.audio}, {@code request.tools}, {@code request.tool_choice}
 * and {@code request.response_format} against the target's API: an API without such an input is
 * refused here rather than by the server at the first request. What each API takes:
 * <ul>
 *   <li>chat: text, {@code image_url} and {@code input_audio} parts (OpenAI chat completions reference,
 *       ChatCompletionContentPart; {@code input_audio.format} wav or mp3), {@code tools}, {@code tool_choice},
 *       {@code response_format}.</li>
 *   <li>responses: {@code input_text}, {@code input_image}, {@code input_file} — "text and image inputs"
 *       (OpenAI API reference, Responses overview); no audio input part there; structured output is
 *       {@code text.format}; function tools are flat ({@code {type: function, name, parameters}}).</li>
 *   <li>messages: {@code text}, {@code image} (source {@code base64} or {@code url}) and {@code document}
 *       blocks, no audio (docs.anthropic.com/en/api/messages, content block params); tools are
 *       {@code {name, description, input_schema}}, {@code tool_choice} a mapping of type auto|any|tool|none;
 *       no {@code response_format}.</li>
 *   <li>completions, embeddings, rerank take text only: no parts, no tools (OpenAI legacy completions and
 *       embeddings references; vLLM v0.8 {@code protocol.py} RerankRequest).</li>
 * </ul>
 */
final class InputRules {
    private static final Set<String> MEDIA_APIS = Set.of("chat", "responses", "messages");
    private static final Set<String> FORMAT_TYPES = Set.of("text", "json_object", "json_schema");

    private InputRules() {
    }

    static void check(ObjView root, List<Problem> problems) {
        String api = root.obj("target").str("api");
        api = api == null ? "chat" : api.toLowerCase(Locale.ROOT);
        ObjView request = root.obj("request");
        images(api, request, problems);
        audio(api, request, problems);
        tools(api, request, problems);
        responseFormat(api, request, problems);
        for (String key : List.of("tools", "tool_choice", "response_format")) {
            if (request.has(key) && inParams(request, key)) {
                problems.add(new Problem(request.keyLocation(key), "request." + key,
                        "also set in request.params." + key + ": set it in one place"));
            }
        }
    }

    private static void images(String api, ObjView request, List<Problem> problems) {
        ObjView images = request.objOrNull("images");
        if (images == null) {
            return;
        }
        if (!MEDIA_APIS.contains(api)) {
            problems.add(new Problem(request.keyLocation("images"), "request.images", "target.api " + api
                    + " takes text only, no images; images need target.api chat, responses or messages"));
            return;
        }
        List<Node> urls = images.list("urls");
        if (images.has("urls") && urls.isEmpty()) {
            // an empty list would quietly mean the synthetic default: one 512 x 512 image per request
            problems.add(new Problem(images.keyLocation("urls"), "request.images.urls",
                    "is empty; give at least one URL, or leave urls out for synthetic images (count, width, height)"));
        }
        if (!urls.isEmpty()) {
            for (String k : List.of("count", "width", "height")) {
                if (images.has(k)) {
                    problems.add(new Problem(images.keyLocation(k), "request.images." + k,
                            "applies to synthetic images; with urls every request carries the given ones (remove " + k + ")"));
                }
            }
        }
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i) instanceof Node.ScalarNode s ? String.valueOf(s.value()) : "";
            String why = imageUrlProblem(url);
            if (why != null) {
                problems.add(new Problem(urls.get(i).location(), "request.images.urls[" + i + "]", why));
            }
        }
    }

    /** Why an image URL cannot be sent, or null: http(s), or a base64 data URL of an image (Anthropic needs its media type). */
    static String imageUrlProblem(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return null;
        }
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String head = comma < 0 ? "" : url.substring(5, comma);
            if (!head.startsWith("image/") || !head.endsWith(";base64")) {
                return "expected a data URL such as data:image/png;base64,...; got '" + abbreviate(url) + "'";
            }
            return null;
        }
        return "expected an http(s) URL or a data:image/...;base64, URL; got '" + abbreviate(url) + "'";
    }

    private static void audio(String api, ObjView request, List<Problem> problems) {
        ObjView audio = request.objOrNull("audio");
        if (audio == null) {
            return;
        }
        if (!api.equals("chat")) {
            String why = switch (api) {
                case "responses" -> "the Responses API takes text, image and file inputs, no audio part";
                case "messages" -> "the Anthropic Messages API has no audio content block";
                default -> "target.api " + api + " takes text only";
            };
            problems.add(new Problem(request.keyLocation("audio"), "request.audio", why + "; audio needs target.api chat (input_audio parts)"));
            return;
        }
        List<Node> files = audio.list("files");
        if (audio.has("files") && files.isEmpty()) {
            problems.add(new Problem(audio.keyLocation("files"), "request.audio.files",
                    "is empty; give at least one .wav or .mp3 file, or leave files out for synthetic clips (count, seconds)"));
        }
        if (!files.isEmpty()) {
            for (String k : List.of("count", "seconds")) {
                if (audio.has(k)) {
                    problems.add(new Problem(audio.keyLocation(k), "request.audio." + k,
                            "applies to synthetic clips; with files every request carries the given ones (remove " + k + ")"));
                }
            }
        }
        for (int i = 0; i < files.size(); i++) {
            Node item = files.get(i);
            String name = item instanceof Node.ScalarNode s ? String.valueOf(s.value()) : "";
            String lower = name.toLowerCase(Locale.ROOT);
            String at = "request.audio.files[" + i + "]";
            if (!lower.endsWith(".wav") && !lower.endsWith(".mp3")) {
                problems.add(new Problem(item.location(), at, "input_audio takes wav or mp3; got '" + name + "'"));
                continue;
            }
            Path p = DatasetSpec.resolve(name, item.location());
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                problems.add(new Problem(item.location(), at, "no readable file " + p));
            }
        }
    }

    private static void tools(String api, ObjView request, List<Problem> problems) {
        boolean hasTools = !request.list("tools").isEmpty() || inParams(request, "tools");
        if (request.has("tools") && !MEDIA_APIS.contains(api)) {
            problems.add(new Problem(request.keyLocation("tools"), "request.tools",
                    "target.api " + api + " takes no tools; tools need target.api chat, responses or messages"));
            return;
        }
        List<Node> tools = request.list("tools");
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i) instanceof Node.MapNode tool) {
                String why = toolProblem(api, tool);
                if (why != null) {
                    problems.add(new Problem(tool.location(), "request.tools[" + i + "]", why));
                }
            }
        }
        Node choice = request.raw("tool_choice");
        if (choice == null) {
            return;
        }
        if (!hasTools) {
            problems.add(new Problem(choice.location(), "request.tool_choice", "tool_choice needs request.tools"));
            return;
        }
        if (api.equals("messages")) {
            Object type = choice instanceof Node.MapNode m && m.get("type") instanceof Node.ScalarNode s ? s.value() : null;
            if (!(type instanceof String t) || !Set.of("auto", "any", "tool", "none").contains(t)) {
                problems.add(new Problem(choice.location(), "request.tool_choice",
                        "the Messages API takes {type: auto}, {type: any}, {type: tool, name: ...} or {type: none}"));
            }
        } else if (choice instanceof Node.ScalarNode s && !Set.of("none", "auto", "required").contains(String.valueOf(s.value()))) {
            problems.add(new Problem(choice.location(), "request.tool_choice",
                    "expected none, auto, required or a mapping such as {type: function, ...}; got '" + s.value() + "'"));
        }
    }

    /** What is missing from one tool definition for the API, or null. */
    private static String toolProblem(String api, Node.MapNode tool) {
        boolean function = tool.get("type") instanceof Node.ScalarNode t && "function".equals(t.value());
        switch (api) {
            case "messages" -> {
                if (tool.has("function")) {
                    return "the Messages API takes {name, description, input_schema}, not OpenAI's {type: function, function: ...}";
                }
                if (!tool.has("name") || !(tool.has("input_schema") || tool.has("type"))) {
                    return "expected {name, description, input_schema} (or a server tool with type and name)";
                }
            }
            case "responses" -> {
                if (!tool.has("type")) {
                    return "expected a type, such as {type: function, name, parameters}";
                }
                if (function && !tool.has("name")) {
                    return tool.has("function") ? "the Responses API takes function tools flat: {type: function, name, parameters}"
                            : "a function tool needs a name";
                }
            }
            default -> {
                if (!tool.has("type")) {
                    return "expected {type: function, function: {name, parameters}}";
                }
                if (function && !(tool.get("function") instanceof Node.MapNode f && f.has("name"))) {
                    return "a function tool needs function: {name, description, parameters}";
                }
            }
        }
        return null;
    }

    private static void responseFormat(String api, ObjView request, List<Problem> problems) {
        Node format = request.raw("response_format");
        if (format == null) {
            return;
        }
        if (!api.equals("chat") && !api.equals("responses")) {
            problems.add(new Problem(request.keyLocation("response_format"), "request.response_format", "target.api " + api
                    + " has no response_format" + (api.equals("messages") ? " (Anthropic structured output is a tool with tool_choice)" : "")
                    + "; it needs target.api chat or responses"));
            return;
        }
        Object type = format instanceof Node.MapNode m && m.get("type") instanceof Node.ScalarNode s ? s.value() : null;
        if (!(type instanceof String t) || !FORMAT_TYPES.contains(t)) {
            problems.add(new Problem(format.location(), "request.response_format",
                    "expected {type: json_schema, ...}, {type: json_object} or {type: text}"));
        }
    }

    private static boolean inParams(ObjView request, String key) {
        return request.raw("params") instanceof Node.MapNode params && params.has(key);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
