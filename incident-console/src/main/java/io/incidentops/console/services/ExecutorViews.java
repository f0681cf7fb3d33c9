package io.incidentops.console.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** runbook-executor's JSON as the console reads it: runbook runs, diagnostics, mitigations. */
public final class ExecutorViews {

    private ExecutorViews() {
    }

    public record Run(UUID runId, String runbook, String runbookVersion, String title, String status,
                      Instant startedAt, Instant completedAt, List<Step> steps) {
    }

    /** A manual step waits for a responder's confirmation while its status is AWAITING_CONFIRMATION. */
    public record Step(int step, String title, String kind, String action, String status, String outcome,
                       String detail, UUID mitigationId, Instant startedAt, String completedBy, Instant completedAt) {

        public boolean awaitsConfirmation() {
            return "AWAITING_CONFIRMATION".equals(status);
        }
    }

    public record Diagnostics(String status, Instant collectedAt, Instant refreshedAt, String changes,
                              String healthStatus, String healthDetail, String errorRate, String latency,
                              String infrastructure, String thirdParty, String likelyCause) {
    }

    public record Mitigation(UUID mitigationId, String action, String target, String reason, String requestedBy,
                             Instant requestedAt, String status, String detail, Instant completedAt,
                             Approval approval) {

        public boolean awaitsApproval() {
            return "AWAITING_APPROVAL".equals(status);
        }
    }

    public record Approval(String state, String why, String approvedBy, Instant approvedAt, String rejectedBy) {
    }

    /** The body of a mitigation request and of its preview. */
    public record MitigationRequest(String action, String target, Map<String, Object> parameters, String reason) {
    }

    public record MitigationPreview(String action, String target, String executor, boolean approvalRequired,
                                    Change change) {
    }

    public record Change(String summary, boolean beyondBounds) {
    }

    public record Confirmation(String outcome, String note) {
    }
}
