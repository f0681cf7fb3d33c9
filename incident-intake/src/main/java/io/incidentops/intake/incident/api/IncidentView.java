package io.incidentops.intake.incident.api;

import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.incident.Incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything intake knows about an incident (explicit mapping: the entity never leaves the service). */
public record IncidentView(String id, String title, String description, String service, String team,
                           Severity severity, String severityDescription, String responseTarget, IncidentType type,
                           IncidentStatus status, boolean emergencyMode, String source, String dedupKey,
                           String groupKey,
                           Map<String, String> labels, String customerImpact, Instant startedAt, Instant detectedAt,
                           Instant acknowledgedAt, String acknowledgedBy, Instant mitigatedAt, Instant resolvedAt,
                           String resolvedBy, String rootCause, List<Responder> responders, Responder commander,
                           WarRoom warRoom, int alertCount, int reopenCount, Instant updatedAt) {

    public record WarRoom(String channel, String videoUrl, String documentUrl) {
    }

    public static IncidentView of(Incident i) {
        return new IncidentView(i.id, i.title, i.description, i.service, i.team, i.severity,
                i.severity.description(), i.severity.responseTargetText(), i.type, i.status, i.emergencyMode, i.source,
                i.dedupKey, i.groupKey, i.labels, i.customerImpact, i.startedAt, i.detectedAt, i.acknowledgedAt, i.acknowledgedBy,
                i.mitigatedAt, i.resolvedAt, i.resolvedBy, i.rootCause, i.responders == null ? List.of() : i.responders,
                i.commander, new WarRoom(i.warRoomChannel, i.warRoomVideoUrl, i.warRoomDocUrl), i.alertCount,
                i.reopenCount, i.updatedAt);
    }
}
