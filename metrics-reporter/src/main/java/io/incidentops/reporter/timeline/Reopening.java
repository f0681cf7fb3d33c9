package io.incidentops.reporter.timeline;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.intake.IncidentReopened;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reopening of a resolved incident, as on its timeline.
 *
 * @param resolvedBefore when the resolution it undid happened (the latest {@code incident.resolved} before it), or null
 */
public record Reopening(Instant at, String reason, Instant resolvedBefore) {

    static final String REOPENED = EventType.INCIDENT_REOPENED.shortName();
    static final String RESOLVED = EventType.INCIDENT_RESOLVED.shortName();

    /** In time order. */
    public static List<Reopening> of(List<TimelineEntry> entries) {
        List<Reopening> out = new ArrayList<>();
        Instant lastResolved = null;
        for (TimelineEntry e : entries) {
            if (RESOLVED.equals(e.type)) {
                lastResolved = e.occurredAt;
            } else if (REOPENED.equals(e.type)) {
                IncidentReopened r = EventCodec.decode(IncidentReopened.class, e.data);
                out.add(new Reopening(e.occurredAt, r.reason(), lastResolved));
                lastResolved = null;
            }
        }
        return out;
    }
}
