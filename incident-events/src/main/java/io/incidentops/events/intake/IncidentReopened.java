package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** A resolved incident was reopened. */
public record IncidentReopened(String incidentId, String reason, Instant reopenedAt) implements IncidentEventData {
    public IncidentReopened {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
