package io.incidentops.intake.oncall.escalation;

import io.incidentops.intake.oncall.OncallConfig;
import io.incidentops.platform.link.LinkTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signed, expiring acknowledge tokens (the platform's {@link LinkTokens}, audience {@value #AUDIENCE}, the paged person
 * as subject, the incident as claim). The token is the credential of the ack link (no login from a phone's mail app),
 * so it names one incident and one person and stops working after {@code token-ttl}.
 */
@ApplicationScoped
public class AckTokens {

    static final String ISSUER = "incident-intake";
    static final String AUDIENCE = "incident-ack";
    private static final String INCIDENT = "incident";

    /** What a valid token says. */
    public record Ack(String incidentId, String userId, Instant expiresAt) {
    }

    @Inject
    OncallConfig config;

    @Inject
    Clock clock;

    private LinkTokens tokens;

    @PostConstruct
    void init() {
        tokens = LinkTokens.fromSecret("incidentops.oncall.ack.signing-secret", config.ack().signingSecret(), ISSUER, clock);
    }

    public String issue(String incidentId, String userId, Instant expiresAt) {
        return tokens.sign(AUDIENCE, userId, Map.of(INCIDENT, incidentId), expiresAt);
    }

    public Instant expiryFrom(Instant now) {
        return now.plus(config.ack().tokenTtl());
    }

    public String link(String token) {
        String base = config.ack().baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/ack/" + token;
    }

    /** The token's claim when its signature and use are right and it has not expired. */
    public Optional<Ack> verify(String token) {
        return tokens.verify(token, AUDIENCE).valid()
                .filter(c -> c.claim(INCIDENT) != null)
                .map(c -> new Ack(c.claim(INCIDENT), c.subject(), c.expiresAt()));
    }
}
