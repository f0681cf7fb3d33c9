package io.incidentops.intake.alerts;

import io.incidentops.events.model.Severity;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Severity scoring (README "Severity"). An explicit {@code P0}..{@code P4} always wins. Otherwise the word decides,
 * read in the vocabulary of the sender:
 * <ul>
 *   <li>{@code critical} → P1, or P0 when the alert signals a complete outage ({@link #signalsCompleteOutage});</li>
 *   <li>{@code error} → P1 in PagerDuty's vocabulary (our contract maps P1 to PagerDuty {@code error}, so it
 *       round-trips), P2 for an Alertmanager {@code severity} label (the Prometheus convention puts error beside
 *       warning, below critical);</li>
 *   <li>{@code warning} → P2; {@code info} → P3;</li>
 *   <li>Alertmanager only: {@code none}/{@code informational}/{@code debug} → P4; a missing or unknown label → P3
 *       (someone routed it to incident response: it deserves a look within 4 h, not silence).</li>
 * </ul>
 */
public final class SeverityRule {

    public enum Vocabulary { PAGERDUTY, ALERTMANAGER }

    /** The severity of an Alertmanager alert whose label is missing or unknown. */
    public static final Severity ALERTMANAGER_DEFAULT = Severity.P3;

    private static final Set<String> OUTAGE_IMPACT_LABELS = Set.of("complete_outage", "outage", "total_outage");
    private static final String[] OUTAGE_PHRASES = {"complete outage", "all customers", "total outage"};

    private SeverityRule() {
    }

    /**
     * The severity a word stands for, or empty when the word is not one of the vocabulary's.
     *
     * @param completeOutage whether the alert signals a complete outage (turns critical into P0)
     */
    public static Optional<Severity> fromWord(String word, Vocabulary vocabulary, boolean completeOutage) {
        if (word == null || word.isBlank()) {
            return Optional.empty();
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        if (w.length() == 2 && w.charAt(0) == 'p' && w.charAt(1) >= '0' && w.charAt(1) <= '4') {
            return Optional.of(Severity.valueOf(w.toUpperCase(Locale.ROOT)));
        }
        switch (w) {
            case "critical":
                return Optional.of(completeOutage ? Severity.P0 : Severity.P1);
            case "error":
                return Optional.of(vocabulary == Vocabulary.PAGERDUTY ? Severity.P1 : Severity.P2);
            case "warning":
                return Optional.of(Severity.P2);
            case "info":
                return Optional.of(Severity.P3);
            default:
                break;
        }
        if (vocabulary == Vocabulary.ALERTMANAGER && Set.of("none", "informational", "debug").contains(w)) {
            return Optional.of(Severity.P4);
        }
        return Optional.empty();
    }

    /** An Alertmanager {@code severity} label: never refused, unknown values get {@link #ALERTMANAGER_DEFAULT}. */
    public static Severity fromAlertmanagerLabel(String label, boolean completeOutage) {
        return fromWord(label, Vocabulary.ALERTMANAGER, completeOutage).orElse(ALERTMANAGER_DEFAULT);
    }

    /**
     * An Opsgenie priority: P1..P5 → P1, P2, P3, P4, P4 (Opsgenie has five levels, we have P0..P4 and keep P0 for a
     * complete outage: a P1 that signals one becomes P0, as {@code critical} does); absent → Opsgenie's default P3;
     * anything else empty.
     */
    public static Optional<Severity> fromOpsgeniePriority(String priority, boolean completeOutage) {
        if (priority == null) return Optional.of(Severity.P3);
        return switch (priority) {
            case "P1" -> Optional.of(completeOutage ? Severity.P0 : Severity.P1);
            case "P2" -> Optional.of(Severity.P2);
            case "P3" -> Optional.of(Severity.P3);
            case "P4", "P5" -> Optional.of(Severity.P4);
            default -> Optional.empty();
        };
    }

    /** Label {@code impact} = complete_outage|outage|total_outage, or the text says complete/total outage or all customers. */
    public static boolean signalsCompleteOutage(Map<String, String> labels, String... texts) {
        String impact = labels == null ? null : labels.get("impact");
        if (impact != null && OUTAGE_IMPACT_LABELS.contains(impact.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (String text : texts) {
            if (text == null) continue;
            String t = text.toLowerCase(Locale.ROOT);
            for (String phrase : OUTAGE_PHRASES) {
                if (t.contains(phrase)) return true;
            }
        }
        return false;
    }
}
