package io.incidentops.testsupport.api;

import io.incidentops.local.DevSecurity;
import io.incidentops.testsupport.InfraTestResource;
import io.smallrye.jwt.build.Jwt;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Tokens for the sweeps: one per role, and tokens every service must refuse although they carry every role. */
final class SweepTokens {

    private static final String SUBJECT = "sweep";

    private SweepTokens() {
    }

    /** A valid token for every service carrying only {@code role}. */
    static String withRole(String role) {
        return InfraTestResource.token(SUBJECT, role);
    }

    /** A valid token for every service carrying every role. */
    static String allRoles() {
        return InfraTestResource.token(SUBJECT, DevSecurity.ALL_ROLES.toArray(String[]::new));
    }

    /** Name → a token with every role that fails exactly one check. */
    static Map<String, String> refused() {
        DevSecurity security = InfraTestResource.infra().security();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("an expired token",
                security.token(SUBJECT, DevSecurity.ALL_ROLES, DevSecurity.ALL_SERVICES, Duration.ofMinutes(-10)));
        tokens.put("a token of another issuer", signed("not-" + DevSecurity.ISSUER, DevSecurity.ALL_SERVICES,
                security.privateKey()));
        tokens.put("a token for another audience", security.token(SUBJECT, DevSecurity.ALL_ROLES,
                Set.of("another-application"), Duration.ofHours(1)));
        tokens.put("a token without an audience", signed(DevSecurity.ISSUER, Set.of(), security.privateKey()));
        tokens.put("a token signed with another key", signed(DevSecurity.ISSUER, DevSecurity.ALL_SERVICES,
                anotherKey()));
        return tokens;
    }

    private static String signed(String issuer, Set<String> audiences, PrivateKey key) {
        var claims = Jwt.issuer(issuer).subject(SUBJECT).upn(SUBJECT).groups(DevSecurity.ALL_ROLES)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plus(Duration.ofHours(1)));
        if (!audiences.isEmpty()) claims.audience(audiences);
        return claims.jws().keyId("incidentops-local").sign(key);
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
