package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** A runbook run finished (outcome completed|failed|abandoned). */
public record RunbookCompleted(String incidentId, String runId, String runbook, String outcome, Instant completedAt) implements IncidentEventData {
    public RunbookCompleted {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
