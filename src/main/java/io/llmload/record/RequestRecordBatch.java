package io.llmload.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;

/**
 * A batch of {@link RequestRecord}s as JSON text, in the same field names as {@code requests.jsonl}:
 * how a cluster agent ships its records to the coordinator.
 */
public final class RequestRecordBatch {
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final TypeReference<List<RequestRecord>> LIST = new TypeReference<>() {
    };

    private RequestRecordBatch() {
    }

    public static String encode(List<RequestRecord> records) {
        try {
            return JSON.writeValueAsString(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request record did not encode: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a batch of records */
    public static List<RequestRecord> decode(String json) {
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a batch of request records: " + e.getOriginalMessage(), e);
        }
    }
}
