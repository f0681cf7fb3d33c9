package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** An incident commander was named. */
public record CommanderAssigned(String incidentId, Responder commander, Instant assignedAt) implements IncidentEventData {
    public CommanderAssigned {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
