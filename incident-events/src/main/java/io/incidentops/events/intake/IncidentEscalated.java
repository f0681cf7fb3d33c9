package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** An incident was escalated (automatically for P0/P1, or on request after a failed mitigation). */
public record IncidentEscalated(String incidentId, Severity severity, boolean emergencyMode, String reason,
        Instant escalatedAt) implements IncidentEventData {
    public IncidentEscalated {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
