package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** A mitigation action failed. */
public record MitigationFailed(String incidentId, String mitigationId, MitigationAction action, String target,
        String reason, String requestedBy, Instant failedAt) implements IncidentEventData {
    public MitigationFailed {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
