package io.incidentops.events.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Incident severity with the meaning and response target fixed by the contract (docs/architecture.md).
 * Outside vocabularies (PagerDuty, Statuspage) live in the adapter that speaks them, not here.
 */
public enum Severity {
    P0("Critical", "Complete outage, all customers affected", Duration.ZERO, PirRequirement.REQUIRED),
    P1("High", "Major degradation, many customers affected", Duration.ofMinutes(15), PirRequirement.REQUIRED),
    P2("Medium", "Minor degradation, some customers affected", Duration.ofHours(1), PirRequirement.RECOMMENDED),
    P3("Low", "Small issue, minimal impact", Duration.ofHours(4), PirRequirement.OPTIONAL),
    P4("Informational", "No customer impact", null, PirRequirement.OPTIONAL);

    private final String label;
    private final String description;
    private final Duration responseTarget;
    private final PirRequirement pirRequirement;

    Severity(String label, String description, Duration responseTarget, PirRequirement pirRequirement) {
        this.label = label;
        this.description = description;
        this.responseTarget = responseTarget;
        this.pirRequirement = pirRequirement;
    }

    public String label() { return label; }

    public String description() { return description; }

    /** How soon a responder must engage; {@code Duration.ZERO} means immediately, empty means best effort (P4). */
    public Optional<Duration> responseTarget() { return Optional.ofNullable(responseTarget); }

    /** Human wording of the response target, as the runbook states it. */
    public String responseTargetText() {
        if (responseTarget == null) return "Best effort";
        if (responseTarget.isZero()) return "Immediate";
        return responseTarget.toHours() >= 1 ? "< " + responseTarget.toHours() + " h" : "< " + responseTarget.toMinutes() + " min";
    }

    public PirRequirement pirRequirement() { return pirRequirement; }

    /** P0 and P1: emergency mode, auto-escalation, an incident commander, a public status-page incident. */
    public boolean isHighSeverity() { return this == P0 || this == P1; }

    /** Parses {@code P0}..{@code P4} (case-insensitive); anything else is rejected with the accepted values. */
    public static Severity parse(String value) {
        if (value != null) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            for (Severity s : values()) {
                if (s.name().equals(v)) return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + value + "', expected one of P0, P1, P2, P3, P4");
    }
}
