package io.incidentops.platform.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs outgoing webhooks per Standard Webhooks 1.0: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, with a secret given as {@code whsec_<base64>}.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;

    /** @throws IllegalArgumentException when the secret is not {@code whsec_} followed by base64 (message never shows it) */
    public WebhookSigner(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("the webhook signing secret must start with " + SECRET_PREFIX);
        }
        try {
            this.key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook signing secret is not " + SECRET_PREFIX + "<base64>");
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("the webhook signing secret must hold at least 16 bytes");
        }
    }

    /** The {@code webhook-signature} header value for one message. */
    public String sign(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
