package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** An incident was resolved; it carries every MTTR timestamp known to intake. */
public record IncidentResolved(String incidentId, Severity severity, IncidentType type, String title, String service,
        String rootCause, String resolvedBy, Instant startedAt, Instant detectedAt, Instant acknowledgedAt,
        Instant mitigatedAt, Instant resolvedAt) implements IncidentEventData {
    public IncidentResolved {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
