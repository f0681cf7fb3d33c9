package io.incidentops.console.signin;

import io.incidentops.console.config.ConsoleConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The development sign-in's tokens: minted exactly as deploy/local's DevSecurity mints them (issuer
 * {@value #ISSUER}, RS256 with the local key, {@code groups} = roles, {@code upn} = the user), so the services accept
 * them, and verified with the local public key when they come back as the console's cookie or a bearer token.
 */
@ApplicationScoped
public class DevTokens {

    public static final String ISSUER = "incidentops";
    public static final String CONSOLE = "incident-console";
    /** The console and every service: the token works on all of them, as the local stack's ADMIN_TOKEN does. */
    public static final Set<String> AUDIENCES =
            Set.of(CONSOLE, "incident-intake", "runbook-executor", "comms-service", "metrics-reporter");

    private final ConsoleConfig.DevSignIn config;
    private volatile PrivateKey privateKey;
    private volatile JwtConsumer consumer;

    public DevTokens(ConsoleConfig config) {
        this.config = config.devSignIn();
    }

    public boolean enabled() {
        return config.enabled();
    }

    public java.time.Duration lifetime() {
        return config.lifetime();
    }

    /** A signed token for {@code user} with the role set of {@code role}. */
    public String mint(String user, String role) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCES)
                .subject(user)
                .upn(user)
                .preferredUserName(user)
                .groups(Roles.granted(role))
                .issuedAt(now)
                .expiresAt(now.plus(config.lifetime()))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId("incidentops-local")
                .sign(privateKey());
    }

    /**
     * The caller a token names, if it is signed with the local key by {@value #ISSUER}, unexpired, and meant for the
     * console or one of the services (the local stack's ADMIN_TOKEN lists the services only).
     */
    public Optional<SignedIn> verify(String token) {
        try {
            JwtClaims claims = consumer().processToClaims(token);
            String user = claims.getClaimValueAsString("upn");
            if (user == null) user = claims.getSubject();
            if (user == null) return Optional.empty();
            Set<String> roles = new HashSet<>(claims.getStringListClaimValue("groups"));
            return Optional.of(new SignedIn(user, roles, token));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** Who a verified token names. */
    public record SignedIn(String user, Set<String> roles, String token) {
    }

    private PrivateKey privateKey() {
        if (privateKey == null) {
            String location = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "incidentops.console.dev-sign-in.private-key-location is not set"));
            privateKey = (PrivateKey) readKey(location, true);
        }
        return privateKey;
    }

    private JwtConsumer consumer() {
        if (consumer == null) {
            String location = config.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "incidentops.console.dev-sign-in.public-key-location is not set"));
            consumer = new JwtConsumerBuilder()
                    .setVerificationKey((PublicKey) readKey(location, false))
                    .setExpectedIssuer(ISSUER)
                    .setExpectedAudience(false, AUDIENCES.toArray(String[]::new))
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds(30)
                    .build();
        }
        return consumer;
    }

    private static java.security.Key readKey(String location, boolean isPrivate) {
        try {
            String pem = Files.readString(Path.of(location));
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return isPrivate ? rsa.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA key in PEM form: " + location, e);
        }
    }
}
