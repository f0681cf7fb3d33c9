package io.incidentops.executor.mitigation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One mitigation request, its outcome and the verification of recovery that follows a successful one. */
@Entity
@Table(name = "mitigation")
public class Mitigation extends PanacheEntityBase {

    public static final String REQUESTED = "REQUESTED";
    public static final String APPLIED = "APPLIED";
    public static final String FAILED = "FAILED";

    /** Recovery states: no verification yet (not applied) ... */
    public static final String RECOVERY_NONE = "NONE";
    public static final String RECOVERY_VERIFYING = "VERIFYING";
    public static final String RECOVERY_VERIFIED = "VERIFIED";
    public static final String RECOVERY_FAILED = "FAILED";
    /** No health URL for the service: recovery cannot be verified automatically; no event, a responder decides. */
    public static final String RECOVERY_UNVERIFIABLE = "UNVERIFIABLE";
    /** The incident was resolved while we were still verifying. */
    public static final String RECOVERY_CANCELLED = "CANCELLED";

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    public String action;
    public String target;
    /** JSON object as the caller sent it. */
    public String parameters;
    public String reason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    public String status;
    public String detail;
    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "recovery_state")
    public String recoveryState;
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
