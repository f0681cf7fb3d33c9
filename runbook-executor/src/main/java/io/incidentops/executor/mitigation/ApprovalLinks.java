package io.incidentops.executor.mitigation;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.platform.link.LinkTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one-click approve and reject links: {@code <public-url>/approval-links/<token>}, the token the platform's
 * {@link LinkTokens} (an HS256 JWT) naming the incident, the mitigation, the decision and the commander it was sent to
 * ({@code sub}), expiring after {@code approval-links.ttl}. Only the executor signs and verifies them: the secret stays
 * in one service. Its issuer and audience are its own (intake's ack links are refused here and these there), and the
 * API accepts only RS256 bearer tokens, so a link token is never a login and a login never a link token.
 */
@ApplicationScoped
public class ApprovalLinks {

    public static final String PATH = "approval-links";
    static final String ISSUER = "runbook-executor";
    static final String AUDIENCE = "mitigation-decision";

    public enum Decision { APPROVE, REJECT }

    /** What a valid token says: {@code subject} decides {@code decision} on the mitigation, until {@code expiresAt}. */
    public record Claim(String incidentId, UUID mitigationId, Decision decision, String subject, Instant expiresAt) {
    }

    @Inject
    ExecutorConfig config;

    @Inject
    Clock clock;

    private LinkTokens tokens;

    @PostConstruct
    void init() {
        tokens = LinkTokens.fromSecret("incidentops.executor.approval-links.signing-secret",
                config.approvalLinks().signingSecret(), ISSUER, clock);
    }

    /** The link that lets {@code subject} decide {@code decision} on {@code m} until the configured time to live. */
    public String link(Mitigation m, Decision decision, String subject) {
        return url(token(new Claim(m.incidentId, m.id, decision, subject, Instant.now(clock).plus(config.approvalLinks().ttl()))));
    }

    public String token(Claim claim) {
        return tokens.sign(AUDIENCE, claim.subject(), Map.of("incident", claim.incidentId(),
                "mitigation", claim.mitigationId().toString(), "decision", claim.decision().name()), claim.expiresAt());
    }

    /** The other decision on the same mitigation for the same person, as long as {@code claim} is valid. */
    public String counterpart(Claim claim) {
        Decision other = claim.decision() == Decision.APPROVE ? Decision.REJECT : Decision.APPROVE;
        return token(new Claim(claim.incidentId(), claim.mitigationId(), other, claim.subject(), claim.expiresAt()));
    }

    /** The token's claim when its signature, issuer, audience and expiry are right; empty for anything else. */
    public Optional<Claim> verify(String token) {
        return tokens.verify(token, AUDIENCE).valid().flatMap(ApprovalLinks::claim);
    }

    private static Optional<Claim> claim(LinkTokens.Claims c) {
        String incident = c.claim("incident");
        String mitigation = c.claim("mitigation");
        String decision = c.claim("decision");
        if (incident == null || mitigation == null || decision == null) return Optional.empty();
        try {
            return Optional.of(new Claim(incident, UUID.fromString(mitigation), Decision.valueOf(decision),
                    c.subject(), c.expiresAt()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String url(String token) {
        return UriBuilder.fromUri(config.publicUrl().filter(u -> !u.isBlank()).orElse("/"))
                .path(PATH).path("{token}").build(token).toString();
    }
}
