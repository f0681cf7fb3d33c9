package io.incidentops.comms.incident;

import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.Severity;

import java.time.Duration;
import java.time.Instant;

/**
 * An incident's resolution as comms tells it: the event's values, completed from what was remembered at its
 * declaration (an incident comms never saw declared is still announced).
 *
 * @param severity null when neither the event nor the declaration gave one
 * @param duration from start to resolution; null when no start time is known
 */
public record Resolution(String incidentId, Severity severity, String title, String service, Instant resolvedAt,
                         Duration duration, String rootCause, String resolvedBy) {

    static Resolution of(IncidentResolved r, TrackedIncident tracked, Instant resolvedAt) {
        boolean known = tracked != null;
        Instant startedAt = Values.firstNonNull(r.startedAt(), known ? tracked.startedAt : null, r.detectedAt());
        return new Resolution(r.incidentId(),
                Values.firstNonNull(r.severity(), known ? tracked.severity : null),
                Values.firstNonBlank(r.title(), known ? tracked.title : null, r.incidentId()),
                Values.firstNonBlank(r.service(), known ? tracked.service : null, TrackedIncident.UNKNOWN_SERVICE),
                resolvedAt,
                startedAt == null ? null : Duration.between(startedAt, resolvedAt),
                r.rootCause(), r.resolvedBy());
    }
}
