package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.*;
import java.time.*;
import java.util.*;

/** A mitigation action was applied successfully (the MTTR mitigation checkpoint). */
public record MitigationApplied(String incidentId, String mitigationId, MitigationAction action, String target,
        String detail, String requestedBy, Instant appliedAt) implements IncidentEventData {
    public MitigationApplied {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
