package io.incidentops.intake.alerts;

import io.incidentops.events.model.IncidentType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Incident type (README "Type"): a {@code type} or {@code category} label naming one of the seven types wins;
 * otherwise the first keyword group, in this order, found in the alert's name, summary and description; default
 * SERVICE_OUTAGE. Order matters: "database latency" is a performance problem before it is an infrastructure one.
 * <p>
 * Keywords are whole words ({@code node} does not match "nodejs"); {@code deploy*} matches any word it begins;
 * a phrase's words are joined by one space (or the hyphen written). CamelCase alertnames are split into words
 * ({@code NodeDiskFull} is "node disk full") and {@code _} separates words. Every alert of a storm is classified, so
 * the texts are read once, word by word, with no regular expression (seven of them over a long description were a
 * third of the {@code alerts} consumer's time).
 */
public final class IncidentTypeClassifier {

    /** The groups in the order they win; each keyword is a word, a {@code prefix*} or a two-word phrase. */
    private static final List<Map.Entry<IncidentType, List<String>>> GROUPS = List.of(
            Map.entry(IncidentType.SECURITY_INCIDENT, List.of("breach*", "unauthorised", "unauthorized", "intrusion*", "ddos")),
            Map.entry(IncidentType.DATA_LOSS, List.of("data loss", "corrupt*")),
            Map.entry(IncidentType.DEPLOYMENT_RELATED, List.of("deploy*", "rollout", "rollouts", "release", "releases", "released")),
            Map.entry(IncidentType.PERFORMANCE_DEGRADATION, List.of("latency", "slow*", "timeout", "timeouts", "timed out",
                    "error rate")),
            Map.entry(IncidentType.THIRD_PARTY_FAILURE, List.of("third party", "third-party", "vendor", "vendors", "upstream",
                    "stripe", "provider", "providers")),
            Map.entry(IncidentType.INFRASTRUCTURE_FAILURE, List.of("disk", "disks", "cpu", "memory", "node", "nodes", "network*",
                    "database*")),
            Map.entry(IncidentType.SERVICE_OUTAGE, List.of("down", "unavailable", "outage", "5xx")));

    /** Keyword -> its group's rank in {@link #GROUPS} (lower wins). */
    private static final Map<String, Integer> WORDS = new HashMap<>();
    private static final Map<String, Integer> PHRASES = new HashMap<>();
    private static final List<Map.Entry<String, Integer>> PREFIXES = new ArrayList<>();

    static {
        for (int rank = 0; rank < GROUPS.size(); rank++) {
            for (String keyword : GROUPS.get(rank).getValue()) {
                if (keyword.endsWith("*")) PREFIXES.add(Map.entry(keyword.substring(0, keyword.length() - 1), rank));
                else if (keyword.contains(" ") || keyword.contains("-")) PHRASES.put(keyword, rank);
                else WORDS.put(keyword, rank);
            }
        }
    }

    private IncidentTypeClassifier() {
    }

    public static IncidentType classify(Map<String, String> labels, String... texts) {
        if (labels != null) {
            Optional<IncidentType> named = fromLabel(labels.get("type")).or(() -> fromLabel(labels.get("category")));
            if (named.isPresent()) {
                return named.get();
            }
        }
        int best = GROUPS.size();
        for (String text : texts) {
            if (text != null && best > 0) best = bestRank(text, best);
        }
        return best < GROUPS.size() ? GROUPS.get(best).getKey() : IncidentType.SERVICE_OUTAGE;
    }

    /** The lowest rank of a keyword in {@code text}, or {@code worst}; stops at rank 0 (nothing beats it). */
    private static int bestRank(String text, int worst) {
        int best = worst;
        String previous = null; // the word before, while only one space or hyphen stands between it and the next
        char joint = ' ';
        int i = 0;
        int n = text.length();
        while (i < n && best > 0) {
            int separators = i;
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) i++;
            if (i == n) break;
            if (i - separators > 1) {
                previous = null;
            } else if (i - separators == 1) {
                char c = text.charAt(separators);
                joint = c == '_' ? ' ' : c;
                if (joint != ' ' && joint != '-') previous = null;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i)) && !camelCaseBoundary(text, i, start)) i++;
            String word = text.substring(start, i).toLowerCase(Locale.ROOT);
            best = Math.min(best, rank(word));
            if (previous != null) {
                Integer phrase = PHRASES.get(previous + joint + word);
                if (phrase != null) best = Math.min(best, phrase);
            }
            previous = word;
            joint = ' '; // a CamelCase boundary reads as one space; a separator found next overwrites it
        }
        return best;
    }

    /** A lower-case letter or digit, then an upper-case letter followed by a lower-case one: "nodeDisk" splits. */
    private static boolean camelCaseBoundary(String text, int i, int wordStart) {
        return i > wordStart && i + 1 < text.length() && isLowerOrDigit(text.charAt(i - 1))
                && text.charAt(i) >= 'A' && text.charAt(i) <= 'Z' && isLower(text.charAt(i + 1));
    }

    private static int rank(String word) {
        Integer exact = WORDS.get(word);
        int best = exact == null ? GROUPS.size() : exact;
        for (Map.Entry<String, Integer> prefix : PREFIXES) {
            if (prefix.getValue() < best && word.startsWith(prefix.getKey()) && asciiWord(word, prefix.getKey().length())) {
                best = prefix.getValue();
            }
        }
        return best;
    }

    /** {@code deploy*} means the rest of the word is ASCII letters or digits, as the regular expression {@code \w*}. */
    private static boolean asciiWord(String word, int from) {
        for (int k = from; k < word.length(); k++) {
            if (!isLowerOrDigit(word.charAt(k))) return false;
        }
        return true;
    }

    private static boolean isLowerOrDigit(char c) {
        return isLower(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    /** {@code service_outage}, {@code Service-Outage}, {@code service outage} all name SERVICE_OUTAGE. */
    static Optional<IncidentType> fromLabel(String value) {
        if (value == null) return Optional.empty();
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (IncidentType t : IncidentType.values()) {
            if (t.name().equals(v)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
