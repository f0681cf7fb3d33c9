package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** Another alert (a repeat, or a resolved notice: {@code alertStatus} firing|resolved) was recorded on an open incident. */
public record AlertAttached(String incidentId, String dedupKey, String source, String alertStatus, String summary,
        Map<String, String> labels, Instant startsAt, Instant endsAt, Instant receivedAt) implements IncidentEventData {
    public AlertAttached {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
