package io.incidentops.executor.mitigation;

import java.util.UUID;

/**
 * A CDI event fired inside the transaction that recorded a mitigation's outcome (APPLIED, FAILED, or REJECTED by a
 * commander), so that whoever waited for it (a runbook step that requested it) records its own result in the same
 * transaction.
 */
public record MitigationSettled(UUID mitigationId, String incidentId, Mitigation.Status status, String detail) {
}
