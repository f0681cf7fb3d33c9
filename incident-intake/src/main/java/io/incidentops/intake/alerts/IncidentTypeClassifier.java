package io.incidentops.intake.alerts;

import io.incidentops.events.model.IncidentType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Incident type (README "Type"): a {@code type} or {@code category} label naming one of the seven types wins;
 * otherwise the first keyword group, in this order, found in the alert's name, summary and description; default
 * SERVICE_OUTAGE. Order matters: "database latency" is a performance problem before it is an infrastructure one.
 */
public final class IncidentTypeClassifier {

    private static final Map<IncidentType, Pattern> KEYWORDS = new LinkedHashMap<>();
    /** A lower-case letter or digit followed by a capitalised word: where CamelCase alertnames split. */
    private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z][a-z])");

    static {
        KEYWORDS.put(IncidentType.SECURITY_INCIDENT, words("breach\\w*|unauthori[sz]ed|intrusion\\w*|ddos"));
        KEYWORDS.put(IncidentType.DATA_LOSS, words("data loss|corrupt\\w*"));
        KEYWORDS.put(IncidentType.DEPLOYMENT_RELATED, words("deploy\\w*|rollouts?|releases?|released"));
        KEYWORDS.put(IncidentType.PERFORMANCE_DEGRADATION, words("latency|slow\\w*|timeouts?|timed out|error rate"));
        KEYWORDS.put(IncidentType.THIRD_PARTY_FAILURE, words("third[- ]party|vendors?|upstream|stripe|providers?"));
        KEYWORDS.put(IncidentType.INFRASTRUCTURE_FAILURE, words("disks?|cpu|memory|nodes?|network\\w*|database\\w*"));
        KEYWORDS.put(IncidentType.SERVICE_OUTAGE, words("down|unavailable|outage|5xx"));
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
        StringBuilder all = new StringBuilder();
        for (String text : texts) {
            if (text != null) all.append(text).append('\n');
        }
        // alertnames are CamelCase (HighLatency, NodeDiskFull): split them so the keywords are words. Every alert of
        // a storm is classified on the event loop: the pattern is compiled once (String.replaceAll compiles it per call)
        String haystack = CAMEL_CASE_BOUNDARY.matcher(all).replaceAll("$1 $2").replace('_', ' ')
                .toLowerCase(Locale.ROOT);
        for (Map.Entry<IncidentType, Pattern> e : KEYWORDS.entrySet()) {
            if (e.getValue().matcher(haystack).find()) {
                return e.getKey();
            }
        }
        return IncidentType.SERVICE_OUTAGE;
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

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b");
    }
}
