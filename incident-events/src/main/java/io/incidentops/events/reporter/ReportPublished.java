package io.incidentops.events.reporter;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** An incident report was rendered and stored. */
public record ReportPublished(String incidentId, String location, String format, Instant publishedAt) implements IncidentEventData {
    public ReportPublished {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
