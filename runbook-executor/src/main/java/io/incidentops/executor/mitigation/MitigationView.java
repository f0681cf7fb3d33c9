package io.incidentops.executor.mitigation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.incidentops.events.EventCodec;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.kubernetes.WorkloadActions;
import io.incidentops.executor.kubernetes.WorkloadState;
import io.incidentops.executor.recovery.RecoveryVerification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A mitigation as the API shows it, with the state of its recovery verification. {@code alternative}: its position in
 * the runbook's alternatives when the executor proposed it after a failed recovery; null when a person requested it.
 */
public record MitigationView(UUID mitigationId, String incidentId, MitigationAction action, String target,
                             Map<String, Object> parameters, String reason, String requestedBy, Instant requestedAt,
                             Mitigation.Status status, String detail, Instant completedAt, Recovery recovery,
                             Mitigation.Executor executor, WorkloadActions.Change preview, Approval approval,
                             Audit audit, Undo undo, Integer alternative) {

    /**
     * {@code why}: why it waits (or waited) for a commander; the rest as a commander decided, {@code via} {@code link}
     * (a one-click link, as the person it was sent to) or {@code api}.
     */
    public record Approval(Mitigation.Approval state, String why, String approvedBy, Instant approvedAt,
                           String rejectedBy, Instant rejectedAt, String rejectionReason, String via) {
    }

    /** The workload as read just before and just after the action (Kubernetes actions; null otherwise). */
    public record Audit(WorkloadState before, WorkloadState after) {
    }

    /** {@code possible}: the action can be undone at all; {@code state} null until someone asks. */
    public record Undo(boolean possible, Mitigation.UndoState state, String by, Instant at, String detail) {
    }

    public record Recovery(Mitigation.RecoveryState state, String healthUrl, Instant healthySince, Instant lastCheckAt,
                           String lastCheck, int checksPassed, int checksFailed, Instant deadline, String detail,
                           Instant completedAt) {
    }

    /** {@code verification} null: none started (the mitigation was not applied), state NONE. */
    public static MitigationView of(Mitigation m, RecoveryVerification verification) {
        boolean kubernetes = m.executor == Mitigation.Executor.KUBERNETES;
        return new MitigationView(m.id, m.incidentId, m.action, m.target, parameters(m.parameters), m.reason,
                m.requestedBy, m.requestedAt, m.status, m.detail, m.completedAt, recovery(verification), m.executor,
                read(m.preview, WorkloadActions.Change.class), new Approval(m.approval, m.approvalReason, m.approvedBy,
                        m.approvedAt, m.rejectedBy, m.rejectedAt, m.rejectionReason, m.decidedVia),
                m.stateBefore == null && m.stateAfter == null ? null
                        : new Audit(read(m.stateBefore, WorkloadState.class), read(m.stateAfter, WorkloadState.class)),
                new Undo(kubernetes && WorkloadActions.undoable(m.action), m.undoState, m.undoneBy, m.undoneAt,
                        m.undoDetail), m.alternative);
    }

    static <T> T read(String json, Class<T> type) {
        if (json == null) return null;
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("mitigation row holds malformed JSON", e);
        }
    }

    private static Recovery recovery(RecoveryVerification v) {
        if (v == null) {
            return new Recovery(Mitigation.RecoveryState.NONE, null, null, null, null, 0, 0, null, null, null);
        }
        return new Recovery(Mitigation.RecoveryState.valueOf(v.state.name()), v.healthUrl, v.healthySince,
                v.lastCheckAt, v.lastCheckDetail, v.checksPassed, v.checksFailed, v.deadline, v.detail, v.completedAt);
    }

    static Map<String, Object> parameters(String json) {
        if (json == null) return Map.of();
        try {
            return EventCodec.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            return Map.of();
        }
    }
}
