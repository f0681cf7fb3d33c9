package io.incidentops.executor.diagnostics;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.executor.metrics.MetricsSnapshot;
import io.incidentops.executor.vendor.VendorStatus;

import java.time.Instant;
import java.util.List;

/**
 * An incident's diagnostics for {@code GET /api/incidents/{id}/diagnostics}: the lines diagnostics.collected carried
 * (as of the latest refresh), every figure with its query and link ({@code metrics}), the recent deployments and
 * each third-party dependency's last reading. {@code status} PENDING: not collected yet, the rest empty.
 */
public record DiagnosticsView(String incidentId, String service, String status, Instant collectedAt,
                              Instant refreshedAt, boolean refreshing, Instant changedAt, String changes,
                              String healthStatus, String healthDetail, String errorRate, String latency,
                              String infrastructure, String thirdParty, String likelyCause,
                              List<DeploymentSummary> recentDeployments, MetricsSnapshot metrics,
                              List<VendorStatus> dependencies) {

    static DiagnosticsView pending(String incidentId, String service, List<VendorStatus> dependencies) {
        return new DiagnosticsView(incidentId, service, DiagnosticRun.Status.PENDING.name(), null, null, true, null,
                null, null, null, null, null, null, null, null, List.of(), null, dependencies);
    }
}
