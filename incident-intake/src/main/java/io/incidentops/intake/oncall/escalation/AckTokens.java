package io.incidentops.intake.oncall.escalation;

import io.incidentops.intake.oncall.OncallConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed, expiring acknowledge tokens: {@code base64url(incidentId|userId|expiresEpochSeconds).base64url(HMAC-SHA256)}.
 * The token is the credential of the ack link (no login from a phone's mail app), so it names one incident and one
 * person and stops working after {@code token-ttl}.
 */
@ApplicationScoped
public class AckTokens {

    private static final Logger LOG = Logger.getLogger(AckTokens.class);
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,400}\\.[A-Za-z0-9_-]{43}");

    /** What a valid token says. */
    public record Ack(String incidentId, String userId, Instant expiresAt) {
    }

    @Inject
    OncallConfig config;

    @Inject
    Clock clock;

    private byte[] key;

    @PostConstruct
    void init() {
        Optional<String> secret = config.ack().signingSecret();
        if (secret.isPresent()) {
            if (secret.get().length() < 32) {
                throw new IllegalStateException("incidentops.oncall.ack.signing-secret must have at least 32 characters");
            }
            key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("incidentops.oncall.ack.signing-secret is not set: ack links work on this replica until it restarts");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String issue(String incidentId, String userId, Instant expiresAt) {
        String payload = ENC.encodeToString((incidentId + "|" + userId + "|" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENC.encodeToString(mac(payload));
    }

    public Instant expiryFrom(Instant now) {
        return now.plus(config.ack().tokenTtl());
    }

    public String link(String token) {
        String base = config.ack().baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ack/" + token;
    }

    /** The token's claim when its signature is right and it has not expired. */
    public Optional<Ack> verify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) return Optional.empty();
        int dot = token.indexOf('.');
        String payload = token.substring(0, dot);
        if (!MessageDigest.isEqual(mac(payload), DEC.decode(token.substring(dot + 1)))) return Optional.empty();
        String[] parts = new String(DEC.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 3) return Optional.empty();
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!Instant.now(clock).isBefore(expires)) return Optional.empty();
        return Optional.of(new Ack(parts[0], parts[1], expires));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
