package io.incidentops.executor.mitigation;

import io.incidentops.executor.config.ExecutorConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one-click approve and reject links: {@code <public-url>/approval-links/<token>}, the token an HS256 JWT (SmallRye
 * JWT) naming the incident, the mitigation, the decision and the commander it was sent to ({@code sub}), expiring after
 * {@code approval-links.ttl}. Only the executor signs and verifies them: the secret stays in one service. Its issuer
 * and audience are its own, and the API accepts only RS256 bearer tokens, so a link token is never a login and a login
 * never a link token.
 */
@ApplicationScoped
public class ApprovalLinks {

    public static final String PATH = "approval-links";
    private static final Logger LOG = Logger.getLogger(ApprovalLinks.class);
    private static final String ISSUER = "runbook-executor";
    private static final String AUDIENCE = "mitigation-decision";
    private static final int MAX_TOKEN = 2000;

    public enum Decision { APPROVE, REJECT }

    /** What a valid token says: {@code subject} decides {@code decision} on the mitigation, until {@code expiresAt}. */
    public record Claim(String incidentId, UUID mitigationId, Decision decision, String subject, Instant expiresAt) {
    }

    @Inject
    ExecutorConfig config;

    @Inject
    Clock clock;

    private SecretKey key;
    private DefaultJWTParser parser;

    @PostConstruct
    void init() {
        byte[] secret;
        Optional<String> configured = config.approvalLinks().signingSecret().filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            if (configured.get().length() < 32) {
                throw new IllegalStateException(
                        "incidentops.executor.approval-links.signing-secret must have at least 32 characters");
            }
            secret = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("incidentops.executor.approval-links.signing-secret is not set: approval links work on this "
                    + "replica until it restarts");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        key = new SecretKeySpec(secret, "HmacSHA256");
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, ISSUER);
        context.setExpectedAudience(Set.of(AUDIENCE));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        context.setClockSkew(0); // issued and checked by the same service
        parser = new DefaultJWTParser(context);
    }

    /** The link that lets {@code subject} decide {@code decision} on {@code m} until the configured time to live. */
    public String link(Mitigation m, Decision decision, String subject) {
        return url(token(new Claim(m.incidentId, m.id, decision, subject, Instant.now(clock).plus(config.approvalLinks().ttl()))));
    }

    public String token(Claim claim) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(claim.subject())
                .claim("incident", claim.incidentId()).claim("mitigation", claim.mitigationId().toString())
                .claim("decision", claim.decision().name())
                .issuedAt(Instant.now(clock)).expiresAt(claim.expiresAt())
                .jws().algorithm(SignatureAlgorithm.HS256).sign(key);
    }

    /** The other decision on the same mitigation for the same person, as long as {@code claim} is valid. */
    public String counterpart(Claim claim) {
        Decision other = claim.decision() == Decision.APPROVE ? Decision.REJECT : Decision.APPROVE;
        return token(new Claim(claim.incidentId(), claim.mitigationId(), other, claim.subject(), claim.expiresAt()));
    }

    /** The token's claim when its signature, issuer, audience and expiry are right; empty for anything else. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) return Optional.empty();
        try {
            JsonWebToken jwt = parser.verify(token, key);
            String incident = jwt.getClaim("incident");
            String mitigation = jwt.getClaim("mitigation");
            String decision = jwt.getClaim("decision");
            if (incident == null || mitigation == null || decision == null || jwt.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Claim(incident, UUID.fromString(mitigation), Decision.valueOf(decision),
                    jwt.getSubject(), Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private String url(String token) {
        return UriBuilder.fromUri(config.publicUrl().filter(u -> !u.isBlank()).orElse("/"))
                .path(PATH).path("{token}").build(token).toString();
    }
}
