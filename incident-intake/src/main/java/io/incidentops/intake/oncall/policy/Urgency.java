package io.incidentops.intake.oncall.policy;

import io.incidentops.events.model.Severity;

/** Severity sets urgency (issue 9 item 3): P0-P2 page at high urgency, P3/P4 at low urgency (no phone at night). */
public final class Urgency {
    public static final String HIGH = "high";
    public static final String LOW = "low";

    private Urgency() {
    }

    public static String of(Severity severity) {
        return severity.compareTo(Severity.P2) <= 0 ? HIGH : LOW;
    }
}
