package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * A mitigation waits for a commander's approval (nothing was done yet): what it would do and why it waits.
 * {@code target}: the service acted on; {@code workload}: its configured Kubernetes Deployment
 * ({@code namespace/name}), null for an action carried out by a webhook; {@code summary}: the dry run's summary,
 * null when there is none yet (a webhook action, or a proposal previewed only at approval); {@code approvalReason}: why
 * the approval rule makes it wait; {@code severity}: the incident's severity the rule was judged on;
 * {@code approveUrl} / {@code rejectUrl}: the executor's endpoints (POST, commander role).
 * {@code approveLink} / {@code rejectLink}: one-click links (a signed, expiring token; GET shows a confirmation page,
 * only its POST decides) that act as {@code linkFor}, the incident's commander as the executor knew them; all three
 * null when no commander was named yet. Only {@code linkFor} may be sent them: the link is their credential.
 */
public record MitigationApprovalRequested(String incidentId, String mitigationId, MitigationAction action,
        String target, String workload, String summary, String reason, String approvalReason, Severity severity,
        String requestedBy, Instant requestedAt, String approveUrl, String rejectUrl, String linkFor,
        String approveLink, String rejectLink) implements IncidentEventData {
    public MitigationApprovalRequested {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(mitigationId, "mitigationId");
    }

    /** A request without one-click links (as published before they existed). */
    public MitigationApprovalRequested(String incidentId, String mitigationId, MitigationAction action, String target,
            String workload, String summary, String reason, String approvalReason, Severity severity,
            String requestedBy, Instant requestedAt, String approveUrl, String rejectUrl) {
        this(incidentId, mitigationId, action, target, workload, summary, reason, approvalReason, severity,
                requestedBy, requestedAt, approveUrl, rejectUrl, null, null, null);
    }
}
