package io.incidentops.executor.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * An incident's evidence log as exported ({@code GET /api/incidents/{id}/evidence}): every entry with its hashes, and
 * the head (the last entry's hash). {@link EvidenceVerifier} checks it with nothing but this bundle.
 */
public record EvidenceBundle(String incidentId, String algorithm, String genesis, List<Entry> entries, String head) {

    public static final String ALGORITHM = "SHA-256";
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** {@code input} and {@code output} are JSON texts, hashed exactly as they are written here. */
    public record Entry(int seq, Instant recordedAt, String kind, String input, String output, String prevHash,
                        String hash) {

        /** What this entry's hash must be: SHA-256 over the previous hash and every field, each length-prefixed. */
        public String expectedHash(String incidentId) {
            return hashOf(prevHash, incidentId, seq, recordedAt, kind, input, output);
        }
    }

    /**
     * The chain's one hash function. Each field is written as {@code <length>:<text>} so that no two different entries
     * hash the same text (a field cannot borrow characters from its neighbour).
     */
    public static String hashOf(String prevHash, String incidentId, int seq, Instant recordedAt, String kind,
                                String input, String output) {
        StringBuilder text = new StringBuilder();
        for (String field : new String[]{prevHash, incidentId, Integer.toString(seq), recordedAt.toString(), kind,
                input, output}) {
            text.append(field.length()).append(':').append(field).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance(ALGORITHM).digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
