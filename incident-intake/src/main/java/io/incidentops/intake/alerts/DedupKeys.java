package io.incidentops.intake.alerts;

import io.incidentops.platform.security.Sha256;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Default dedup keys when the sender gives none: stable hashes, so a repeat of the same alert finds its incident. */
public final class DedupKeys {

    private DedupKeys() {
    }

    /** Service + summary, case and whitespace folded: "Checkout  DOWN" and "checkout down" are the same alert. */
    public static String ofServiceAndSummary(String service, String summary) {
        return hash(fold(service) + "\n" + fold(summary));
    }

    /** The label set, sorted (what Alertmanager's own fingerprint is made of). */
    public static String ofLabels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels == null ? Map.of() : labels).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return hash(sb.toString());
    }

    private static String fold(String s) {
        return s == null ? "" : s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String hash(String s) {
        // 128 bits of SHA-256 are plenty for a dedup key and fit PagerDuty's 255-char limit comfortably
        return HexFormat.of().formatHex(Sha256.of(s)).substring(0, 32);
    }
}
