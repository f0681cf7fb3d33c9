package io.incidentops.intake.incident.api;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.incident.IncidentAlert;

import java.time.Instant;
import java.util.Map;

/** One distinct alert of an incident: why it is there ({@code groupKey}), its own state, its deliveries. */
public record IncidentAlertView(String dedupKey, String groupKey, String source, String status, Severity severity,
                                String summary, Map<String, String> labels, Instant startsAt, Instant endsAt,
                                Instant firstSeen, Instant lastSeen, long deliveries) {

    public static IncidentAlertView of(IncidentAlert a) {
        return new IncidentAlertView(a.dedupKey, a.groupKey, a.source, a.status, a.severity, a.summary, a.labels,
                a.startsAt, a.endsAt, a.firstSeen, a.lastSeen, a.deliveries);
    }
}
