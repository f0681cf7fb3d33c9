package io.incidentops.platform.security;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Integration keys for alert ingestion (Alertmanager's bearer credentials, PagerDuty's {@code routing_key}).
 * Only their SHA-256 hashes are configured ({@code incidentops.security.integration-keys.<name>=<hex>});
 * a presented key is hashed and compared with every stored hash in constant time.
 */
@ApplicationScoped
public class IntegrationKeys {

    @ConfigMapping(prefix = "incidentops.security")
    public interface Config {
        /** Integration name → lower-case hex SHA-256 of its key. */
        Map<String, String> integrationKeys();
    }

    @Inject
    Config config;

    /** The name of the integration the key belongs to, or empty when no configured key matches. */
    public Optional<String> verify(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        String match = null;
        for (Map.Entry<String, String> entry : config.integrationKeys().entrySet()) {
            // no early exit: the time taken does not depend on which key (if any) matched
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(entry.getValue().trim().toLowerCase()))) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
