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

    /** REQUESTED until the action webhook answered (a crash in between leaves it so), then APPLIED or FAILED. */
    public enum Status { REQUESTED, APPLIED, FAILED }

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
}
