package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/**
 * One runbook step finished: kind automated|manual, outcome passed|failed|confirmed|skipped, and for typed steps
 * no-data (a query found no series) or error (the step could not be carried out); a step awaiting a commander's approval
 * is not finished and publishes nothing yet.
 */
public record RunbookStepCompleted(String incidentId, String runId, String runbook, int step, String title, String kind,
        String outcome, String detail, String completedBy, Instant completedAt) implements IncidentEventData {
    public RunbookStepCompleted {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
