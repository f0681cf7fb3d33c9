package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** An incident was declared. {@code startedAt} is impact start (MTTR clock start), {@code detectedAt} when the alert fired or was received. */
public record IncidentDeclared(String incidentId, String title, String description, String service, Severity severity,
        IncidentType type, IncidentStatus status, String source, String dedupKey, Map<String, String> labels,
        String customerImpact, Instant startedAt, Instant detectedAt) implements IncidentEventData {
    public IncidentDeclared {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
