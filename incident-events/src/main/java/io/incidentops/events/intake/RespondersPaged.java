package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** Responders were paged for an incident. */
public record RespondersPaged(String incidentId, Severity severity, List<Responder> responders, Instant pagedAt) implements IncidentEventData {
    public RespondersPaged {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
