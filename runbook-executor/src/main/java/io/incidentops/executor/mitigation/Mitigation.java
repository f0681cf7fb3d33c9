package io.incidentops.executor.mitigation;

import io.incidentops.events.model.MitigationAction;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One mitigation request and its outcome. The verification of recovery that follows a successful one is a
 * {@code RecoveryVerification} of the {@code recovery} package.
 */
@Entity
@Table(name = "mitigation")
public class Mitigation extends PanacheEntityBase {

    /**
     * AWAITING_APPROVAL until a commander approves (when the approval rule asks for it); REQUESTED until the action
     * answered (a crash in between leaves it so), then APPLIED or FAILED; REJECTED when a commander refused it (never
     * carried out).
     */
    public enum Status { AWAITING_APPROVAL, REQUESTED, APPLIED, FAILED, REJECTED }

    /** Who carries the action out: a signed webhook, or the executor on the service's configured Kubernetes workload. */
    public enum Executor { WEBHOOK, KUBERNETES }

    /**
     * AUTOMATIC: the approval rule let it through; REQUIRED: waiting for a commander; APPROVED / REJECTED: a commander
     * decided.
     */
    public enum Approval { AUTOMATIC, REQUIRED, APPROVED, REJECTED }

    public static final String VIA_LINK = "link";
    public static final String VIA_API = "api";

    public enum UndoState { REQUESTED, DONE, FAILED }

    /** The state of a mitigation's recovery verification as the API shows it (NONE: not applied, nothing to verify). */
    public enum RecoveryState { NONE, VERIFYING, VERIFIED, FAILED, UNVERIFIABLE, CANCELLED }

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    @Enumerated(EnumType.STRING)
    public MitigationAction action;
    public String target;
    /** JSON object as the caller sent it. */
    public String parameters;
    public String reason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String detail;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Enumerated(EnumType.STRING)
    public Executor executor = Executor.WEBHOOK;
    /** JSON of the dry run ({@code WorkloadActions.Change}); Kubernetes actions only. */
    public String preview;
    @Enumerated(EnumType.STRING)
    public Approval approval = Approval.AUTOMATIC;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    /** Why it waits (or waited) for a commander, as {@code mitigation.approval-requested} said; null when automatic. */
    @Column(name = "approval_reason")
    public String approvalReason;
    @Column(name = "rejected_by")
    public String rejectedBy;
    @Column(name = "rejected_at")
    public Instant rejectedAt;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    /** How the commander decided: {@link #VIA_LINK} (a one-click link, as its subject) or {@link #VIA_API}; null before. */
    @Column(name = "decided_via")
    public String decidedVia;
    /** The audit record: the workload as read just before and just after the action (JSON {@code WorkloadState}). */
    @Column(name = "state_before")
    public String stateBefore;
    @Column(name = "state_after")
    public String stateAfter;
    @Column(name = "undo_data")
    public String undoData;
    @Enumerated(EnumType.STRING)
    @Column(name = "undo_state")
    public UndoState undoState;
    @Column(name = "undone_by")
    public String undoneBy;
    @Column(name = "undone_at")
    public Instant undoneAt;
    @Column(name = "undo_detail")
    public String undoDetail;
    /** Its position (from 1) in the runbook's {@code alternatives:} when the executor proposed it; null otherwise. */
    public Integer alternative;
}
