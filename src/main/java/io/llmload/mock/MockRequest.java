package io.llmload.mock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the mock reads from a request body of each API: the model, the output limit, the prompt
 * (as messages, for {@link PromptTokens}), the number of inputs or documents (embeddings, rerank),
 * or why the body is refused (a 400, as the real server would answer it).
 */
record MockRequest(String model, int maxTokens, JsonArray promptMessages, int items, String problem) {

    static MockRequest parse(MockApi api, JsonObject body) {
        if (!(body.getValue("model") instanceof String model)) {
            return refused("'model' is required");
        }
        JsonArray prompt = new JsonArray();
        int items = 0;
        int max = Integer.MAX_VALUE;
        switch (api) {
            case CHAT -> {
                if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
                    return refused("'model' and a non-empty 'messages' are required");
                }
                prompt = messages;
                max = intOr(body, "max_tokens", intOr(body, "max_completion_tokens", Integer.MAX_VALUE));
            }
            case COMPLETIONS -> {
                items = texts(body.getValue("prompt"), prompt);
                if (items == 0) {
                    return refused("'prompt' is required (a string or a list of strings)");
                }
                max = intOr(body, "max_tokens", 16);
            }
            case EMBEDDINGS -> {
                items = texts(body.getValue("input"), prompt);
                if (items == 0) {
                    return refused("'input' is required (a string or a list of strings)");
                }
            }
            case RERANK -> {
                if (!(body.getValue("query") instanceof String query) || !(body.getValue("documents") instanceof JsonArray docs)
                        || docs.isEmpty()) {
                    return refused("'query' and a non-empty 'documents' are required");
                }
                prompt.add(new JsonObject().put("content", query));
                items = texts(docs, prompt);
            }
            case RESPONSES -> {
                Object input = body.getValue("input");
                if (input instanceof String text) {
                    prompt.add(new JsonObject().put("role", "user").put("content", text));
                } else if (input instanceof JsonArray list && !list.isEmpty()) {
                    prompt = list;
                } else {
                    return refused("'input' is required (a string or a list of input items)");
                }
                if (body.getValue("instructions") instanceof String instructions) {
                    prompt = prompt.copy().add(new JsonObject().put("content", instructions));
                }
                max = intOr(body, "max_output_tokens", Integer.MAX_VALUE);
            }
            case MESSAGES -> {
                if (!(body.getValue("max_tokens") instanceof Number n)) {
                    return refused("max_tokens: Field required");
                }
                if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty()) {
                    return refused("messages: Field required");
                }
                max = n.intValue();
                prompt = messages.copy();
                Object system = body.getValue("system");
                if (system != null) {
                    prompt.add(new JsonObject().put("content", system));
                }
            }
            default -> throw new IllegalStateException(api.name());
        }
        return new MockRequest(model, max, prompt, items, null);
    }

    private static MockRequest refused(String problem) {
        return new MockRequest(null, 0, null, 0, problem);
    }

    /** Adds a string, or each string of a list, to {@code into} as a message; returns how many. */
    private static int texts(Object value, JsonArray into) {
        if (value instanceof String s) {
            into.add(new JsonObject().put("content", s));
            return 1;
        }
        int n = 0;
        if (value instanceof JsonArray list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    into.add(new JsonObject().put("content", s));
                    n++;
                } else if (item instanceof JsonObject doc && doc.getValue("text") instanceof String s) {
                    into.add(new JsonObject().put("content", s));
                    n++;
                }
            }
        }
        return n;
    }

    private static int intOr(JsonObject body, String key, int fallback) {
        return body.getValue(key) instanceof Number n ? n.intValue() : fallback;
    }
}
