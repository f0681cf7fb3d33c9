package io.incidentops.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text: how secrets are stored (integration keys) and stable keys derived (dedup keys). */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Lower-case hex, as hashes are configured. */
    public static String hex(String value) {
        return HexFormat.of().formatHex(of(value));
    }
}
