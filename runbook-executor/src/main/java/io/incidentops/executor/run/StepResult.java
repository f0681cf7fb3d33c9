package io.incidentops.executor.run;

import java.util.UUID;

/**
 * What one automated step found or did: its outcome, a short summary for people, the figures behind it ({@code data}:
 * the reading with its query and link, the changes, the statuses, the mitigation; stored as JSON) and the mitigation it
 * requested, if any.
 */
public record StepResult(String outcome, String summary, Object data, UUID mitigationId) {

    /** The check ran and found nothing wrong (or, without a threshold, measured what it was asked to). */
    public static final String PASSED = "passed";
    /** The check ran and found a problem (a finding, not an error), or the requested mitigation failed. */
    public static final String FAILED = "failed";
    /** Nothing to check here: no URL, Prometheus, dependency or workload configured for the service. */
    public static final String SKIPPED = "skipped";
    /** Prometheus answered with no series. */
    public static final String NO_DATA = "no-data";
    /** The requested mitigation waits for a commander's approval: the step is not done yet. */
    public static final String AWAITING_APPROVAL = "awaiting-approval";
    /** The check could not be made: Prometheus or the status page failed, the mitigation was refused. */
    public static final String ERROR = "error";

    public static StepResult of(String outcome, String summary, Object data) {
        return new StepResult(outcome, summary, data, null);
    }

    public boolean awaitingApproval() {
        return AWAITING_APPROVAL.equals(outcome);
    }
}
