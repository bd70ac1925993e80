package io.llmload.cluster;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals control messages with an HMAC-SHA256 of the cluster's shared secret, so an agent takes
 * work only from a coordinator that knows the secret, and a coordinator counts only agents that
 * know it. The secret itself never crosses the event bus. A sealed message is
 * {@code {payload: "<json text>", mac: "<base64>"}}; the MAC covers the exact payload text.
 *
 * <p>Thread contract: immutable and thread-safe (a {@link Mac} is made per call).
 */
public final class Signer {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public Signer(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the cluster secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public JsonObject seal(JsonObject body) {
        String payload = body.encode();
        return new JsonObject().put("payload", payload).put("mac", mac(payload));
    }

    /** The body of a sealed message whose MAC checks out, else null. */
    public JsonObject open(JsonObject sealed) {
        JsonObject body = peek(sealed);
        if (body == null) {
            return null;
        }
        byte[] expected = mac(sealed.getString("payload")).getBytes(StandardCharsets.US_ASCII);
        String given = sealed.getString("mac");
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII)) ? body : null;
    }

    /** The body of a sealed message without checking it (to say who sent a message that failed {@link #open}). */
    public static JsonObject peek(Object sealed) {
        if (!(sealed instanceof JsonObject j) || !(j.getValue("payload") instanceof String payload)) {
            return null;
        }
        try {
            return new JsonObject(payload);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }
}
