package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** Recovery did not verify after a mitigation; another runbook or mitigation is needed. */
public record RecoveryFailed(String incidentId, String mitigationId, String reason, Instant failedAt) implements IncidentEventData {
    public RecoveryFailed {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
