package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** Initial diagnostic summary (seed step 4). Metrics the executor could not read are null. */
public record DiagnosticsCollected(String incidentId, String service, List<DeploymentSummary> recentDeployments,
        String healthStatus, String healthDetail, String errorRate, String latency, String infrastructure,
        String thirdParty, String likelyCause, Instant collectedAt) implements IncidentEventData {
    public DiagnosticsCollected {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
