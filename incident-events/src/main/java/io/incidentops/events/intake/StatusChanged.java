package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** The lifecycle status of an incident changed. */
public record StatusChanged(String incidentId, IncidentStatus previous, IncidentStatus current, String reason,
        Instant changedAt) implements IncidentEventData {
    public StatusChanged {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
