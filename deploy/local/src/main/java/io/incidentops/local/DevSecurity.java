package io.incidentops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Local-only security material: an RSA key pair generated at runtime, JWTs signed with it, integration keys.
 *
 * <p>Nothing here is a secret worth protecting: the keys live under {@code target/} and die with it. Services verify
 * tokens with {@code mp.jwt.verify.publickey.location=<publicKey.pem>} and {@code mp.jwt.verify.issuer=incidentops},
 * and integration keys with {@code incidentops.security.integration-keys.<name>=<sha256 hex of the key>}.
 */
public final class DevSecurity {

    public static final String ISSUER = "incidentops";
    public static final Set<String> ALL_ROLES = Set.of("viewer", "responder", "commander", "admin");
    /**
     * Every service's JWT audience (its {@code quarkus.application.name}) and the console's: local tokens work on all
     * of them (the CLI's {@code tail} follows the console's events with the stack's admin token).
     */
    public static final Set<String> ALL_SERVICES =
            Set.of("incident-intake", "runbook-executor", "comms-service", "metrics-reporter", "incident-console");
    public static final String PUBLIC_KEY_FILE = "publicKey.pem";
    public static final String PRIVATE_KEY_FILE = "privateKey.pem";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Path dir;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevSecurity(Path dir, PrivateKey privateKey, PublicKey publicKey) {
        this.dir = dir;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Generates a new RSA-2048 key pair and writes {@code publicKey.pem} and {@code privateKey.pem} (PKCS#8) to {@code dir}. */
    public static DevSecurity generate(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            Path absolute = dir.toAbsolutePath();
            Files.createDirectories(absolute);
            Files.writeString(absolute.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(absolute.resolve(PRIVATE_KEY_FILE), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new DevSecurity(absolute, pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a key pair written earlier by {@link #generate(Path)}. */
    public static DevSecurity load(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(unpem(absolute.resolve(PUBLIC_KEY_FILE))));
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(unpem(absolute.resolve(PRIVATE_KEY_FILE))));
            return new DevSecurity(absolute, priv, pub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }

    /**
     * A signed (RS256) JWT: issuer {@value #ISSUER}, {@code aud} = every service and the console ({@link #ALL_SERVICES}),
     * {@code sub} and {@code upn} = subject, {@code groups} = roles.
     */
    public String token(String subject, Set<String> roles, Duration ttl) {
        return token(subject, roles, ALL_SERVICES, ttl);
    }

    /**
     * As {@link #token(String, Set, Duration)}, for the given audiences only: a service refuses a token whose
     * {@code aud} does not list its own name.
     */
    public String token(String subject, Set<String> roles, Set<String> audiences, Duration ttl) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(audiences)
                .subject(subject)
                .upn(subject)
                .preferredUserName(subject)
                .groups(roles)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId("incidentops-local")
                .sign(privateKey);
    }

    /** A token carrying every role (viewer, responder, commander, admin). */
    public String adminToken(Duration ttl) {
        return token("admin", ALL_ROLES, ttl);
    }

    /** A random 32-character {@code [a-z0-9]} key, the shape of a PagerDuty routing key. */
    public static String newIntegrationKey() {
        char[] key = new char[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)];
        }
        return new String(key);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes: how integration keys are configured and stored. */
    public static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** For {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeyPath() {
        return dir.resolve(PUBLIC_KEY_FILE);
    }

    /** For {@code smallrye.jwt.sign.key.location}. */
    public Path privateKeyPath() {
        return dir.resolve(PRIVATE_KEY_FILE);
    }

    /** The public key as base64 DER (SubjectPublicKeyInfo), the form {@code mp.jwt.verify.publickey} accepts. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The private key as base64 DER (PKCS#8), the form {@code smallrye.jwt.sign.key} accepts. */
    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }
}
