package io.incidentops.platform.link;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signed, expiring tokens that are the credential of a link sent to one person (no login from a phone's mail app):
 * HS256 JWTs (SmallRye JWT build) with the service as issuer, the link's use as audience, the person as subject and
 * string claims. Each use has its own audience, so a token signed for one use is refused for another even if two uses
 * ever shared a secret. A link token is never a login: the APIs accept only RS256 bearer tokens.
 *
 * <p>The secret rules, once for every service: at least {@value #MIN_SECRET_LENGTH} characters, the same on every
 * replica; production refuses to start without one; dev and test (their profiles set a fixed one) fall back to a random
 * key per process with a warning.
 */
public final class LinkTokens {

    public static final int MIN_SECRET_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(LinkTokens.class);
    private static final int MAX_TOKEN = 2000;

    /** Why a token was refused. */
    public enum Refusal {
        /** Not a token of ours at all (shape, encoding, algorithm, missing claims). */
        MALFORMED,
        /** The signature does not match its content. */
        FORGED,
        EXPIRED,
        /** Signed by us, for another use (audience) or by another service (issuer). */
        WRONG_USE
    }

    /** What a valid token says: {@code subject} may use the link until {@code expiresAt}; {@code claims} its data. */
    public record Claims(String subject, Map<String, String> claims, Instant expiresAt) {
        public String claim(String name) {
            return claims.get(name);
        }
    }

    /** Either the claims of a valid token or why it was refused. */
    public record Verification(Claims claims, Refusal refusal) {
        public Optional<Claims> valid() {
            return Optional.ofNullable(claims);
        }
    }

    private final String issuer;
    private final SecretKey key;
    private final Clock clock;

    private LinkTokens(String issuer, byte[] secret, Clock clock) {
        this.issuer = issuer;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Tokens of {@code issuer} (the service) signed with the configured {@code secret}; {@code secretKey} names the
     * config key in messages. Throws when the secret is too short, or missing in production.
     */
    public static LinkTokens fromSecret(String secretKey, Optional<String> secret, String issuer, Clock clock) {
        return fromSecret(secretKey, secret, issuer, clock, LaunchMode.current());
    }

    static LinkTokens fromSecret(String secretKey, Optional<String> secret, String issuer, Clock clock, LaunchMode mode) {
        Optional<String> configured = secret.filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            if (configured.get().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException(secretKey + " must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            return new LinkTokens(issuer, configured.get().getBytes(StandardCharsets.UTF_8), clock);
        }
        if (mode == LaunchMode.NORMAL) {
            throw new IllegalStateException(secretKey + " is not set: production needs one of at least "
                    + MIN_SECRET_LENGTH + " characters, the same on every replica");
        }
        LOG.warnf("%s is not set: links work on this process until it restarts", secretKey);
        byte[] random = new byte[MIN_SECRET_LENGTH];
        new SecureRandom().nextBytes(random);
        return new LinkTokens(issuer, random, clock);
    }

    /** A token for {@code audience} (the link's use) naming {@code subject}, valid for {@code ttl} from now. */
    public String sign(String audience, String subject, Map<String, String> claims, Duration ttl) {
        return sign(audience, subject, claims, Instant.now(clock).plus(ttl));
    }

    /** A token for {@code audience} naming {@code subject}, valid until {@code expiresAt}. */
    public String sign(String audience, String subject, Map<String, String> claims, Instant expiresAt) {
        JwtClaimsBuilder jwt = Jwt.issuer(issuer).audience(audience).subject(subject)
                .issuedAt(Instant.now(clock)).expiresAt(expiresAt);
        claims.forEach(jwt::claim);
        return jwt.jws().algorithm(SignatureAlgorithm.HS256).sign(key);
    }

    /** The token's claims when it is ours, for {@code audience}, unaltered and not expired; else why not. */
    public Verification verify(String token, String audience) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) return refused(Refusal.MALFORMED);
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis())) // the service's clock, as at signing
                .setAllowedClockSkewInSeconds(0) // signed and checked by the same service
                .build();
        try {
            JwtClaims jwt = consumer.processToClaims(token);
            Map<String, String> claims = new LinkedHashMap<>();
            for (Map.Entry<String, Object> c : jwt.getClaimsMap(ReservedClaimNames.INITIAL_REGISTERED_CLAIM_NAMES).entrySet()) {
                if (!(c.getValue() instanceof String value)) return refused(Refusal.MALFORMED);
                claims.put(c.getKey(), value);
            }
            return new Verification(new Claims(jwt.getSubject(), Map.copyOf(claims),
                    Instant.ofEpochSecond(jwt.getExpirationTime().getValue())), null);
        } catch (InvalidJwtException e) {
            return refused(refusal(e));
        } catch (MalformedClaimException e) {
            return refused(Refusal.MALFORMED);
        }
    }

    private static Refusal refusal(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) return Refusal.FORGED;
        if (e.hasExpired()) return Refusal.EXPIRED;
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)
                || e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return Refusal.WRONG_USE;
        }
        return Refusal.MALFORMED;
    }

    private static Verification refused(Refusal refusal) {
        return new Verification(null, refusal);
    }
}
