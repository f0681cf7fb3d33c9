package io.incidentops.events.comms;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** The next customer update of an open incident is due. */
public record UpdateDue(String incidentId, Instant lastUpdateAt, Instant dueAt) implements IncidentEventData {
    public UpdateDue {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
