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

/** One mitigation request, its outcome and the verification of recovery that follows a successful one. */
@Entity
@Table(name = "mitigation")
public class Mitigation extends PanacheEntityBase {

    /** REQUESTED until the action webhook answered (a crash in between leaves it so), then APPLIED or FAILED. */
    public enum Status { REQUESTED, APPLIED, FAILED }

    public enum RecoveryState {
        /** No verification (the mitigation was not applied). */
        NONE,
        VERIFYING,
        VERIFIED,
        FAILED,
        /** No health URL for the service: recovery cannot be verified automatically; no event, a responder decides. */
        UNVERIFIABLE,
        /** The incident was resolved while we were still verifying. */
        CANCELLED
    }

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
    @Column(name = "recovery_state")
    public RecoveryState recoveryState;
    @Column(name = "health_url")
    public String healthUrl;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    @Column(name = "recovery_deadline")
    public Instant recoveryDeadline;
    @Column(name = "healthy_since")
    public Instant healthySince;
    @Column(name = "last_check_at")
    public Instant lastCheckAt;
    @Column(name = "last_check_detail")
    public String lastCheckDetail;
    @Column(name = "checks_passed")
    public int checksPassed;
    @Column(name = "checks_failed")
    public int checksFailed;
    @Column(name = "recovery_detail")
    public String recoveryDetail;
    @Column(name = "recovery_completed_at")
    public Instant recoveryCompletedAt;
}
