package io.incidentops.events.reporter;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** A post-incident review was scheduled (REQUIRED within 48 h for P0/P1, RECOMMENDED within a week for P2). */
public record PirScheduled(String incidentId, PirRequirement requirement, Instant dueBy, String location,
        Instant scheduledAt) implements IncidentEventData {
    public PirScheduled {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
