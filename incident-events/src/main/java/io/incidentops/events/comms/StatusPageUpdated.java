package io.incidentops.events.comms;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** The public status page was updated (status investigating|identified|monitoring|resolved). */
public record StatusPageUpdated(String incidentId, String pageIncidentId, String status, String title, String body,
        String impact, Instant updatedAt) implements IncidentEventData {
    public StatusPageUpdated {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
