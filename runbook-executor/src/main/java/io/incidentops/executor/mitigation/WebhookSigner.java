package io.incidentops.executor.mitigation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Standard Webhooks 1.0 signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}
 * where the key is the base64 part of a {@code whsec_<base64>} secret. Receivers' standard libraries verify it.
 */
public final class WebhookSigner {

    public static final String PREFIX = "whsec_";

    private final byte[] key;

    public WebhookSigner(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the signing secret must look like whsec_<base64>");
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing secret is not whsec_ followed by base64");
        }
        if (key.length < 16) throw new IllegalArgumentException("the signing secret is shorter than 16 bytes");
    }

    /** @return the {@code webhook-signature} header value */
    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
