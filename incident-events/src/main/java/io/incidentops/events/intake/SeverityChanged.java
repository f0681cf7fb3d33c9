package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** The severity of an incident changed. */
public record SeverityChanged(String incidentId, Severity previous, Severity current, String reason, String changedBy,
        Instant changedAt) implements IncidentEventData {
    public SeverityChanged {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
