package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** The first responder engaged (the end of the MTTR response phase). */
public record IncidentAcknowledged(String incidentId, String responder, Instant acknowledgedAt) implements IncidentEventData {
    public IncidentAcknowledged {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
