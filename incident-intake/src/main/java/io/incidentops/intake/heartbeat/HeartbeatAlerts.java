package io.incidentops.intake.heartbeat;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.IncidentTypeClassifier;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A heartbeat's alert, as Opsgenie raises it: message "{@code <name> is expired}" (or the heartbeat's
 * {@code alertMessage}), its tags and priority, routed to the owning team (the {@code team} label: that team's
 * escalation policy pages, unless a service named like the heartbeat maps to one).
 */
final class HeartbeatAlerts {

    static final String SOURCE = "heartbeat";

    private HeartbeatAlerts() {
    }

    static Alert expired(Heartbeat h, Instant now) {
        String summary = h.alertMessage != null ? h.alertMessage : h.name + " is expired";
        Map<String, String> labels = labels(h);
        IncidentType type = IncidentTypeClassifier.classify(labels, summary, h.description);
        Instant startsAt = h.expiresAt.isAfter(now) ? now : h.expiresAt;
        return new Alert(SOURCE, h.name, summary, h.description, severity(h.alertPriority), type, labels, startsAt, null,
                dedupKey(h), null, null, false, now);
    }

    /** The heartbeat came back: Opsgenie closes its alert. */
    static Alert resolved(Heartbeat h, Instant now) {
        return new Alert(SOURCE, h.name, h.name + " is receiving pings again", null, null, null, labels(h), now, now,
                dedupKey(h), null, null, true, now);
    }

    /** One per heartbeat: every expiry of it is the same alert (a later one reopens or declares as the rules say). */
    static String dedupKey(Heartbeat h) {
        return "heartbeat:" + h.name;
    }

    /** Opsgenie's P1..P5 onto ours: P5 (informational) has no equal, P4 is our lowest. */
    static Severity severity(String priority) {
        return switch (priority) {
            case "P1" -> Severity.P1;
            case "P2" -> Severity.P2;
            case "P4", "P5" -> Severity.P4;
            default -> Severity.P3;
        };
    }

    private static Map<String, String> labels(Heartbeat h) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("heartbeat", h.name);
        if (h.ownerTeam != null) labels.put("team", h.ownerTeam);
        if (!h.alertTags.isEmpty()) labels.put("tags", String.join(",", h.alertTags));
        return labels;
    }
}
