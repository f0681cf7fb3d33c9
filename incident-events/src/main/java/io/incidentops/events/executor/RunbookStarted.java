package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** A runbook run started; {@code steps} are the step titles in order. */
public record RunbookStarted(String incidentId, String runId, String runbook, String runbookVersion, List<String> steps,
        Instant startedAt) implements IncidentEventData {
    public RunbookStarted {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
