package io.incidentops.executor.recovery;

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
 * One verification of an incident's recovery and all its state, so any replica (or a restarted one) continues where
 * the last check left off. It follows either an applied mitigation ({@code mitigationId}) or every alert of the
 * incident resolving ({@code alertsResolvedAt}, with {@code incidentId} its natural key): exactly one of the two is set.
 */
@Entity
@Table(name = "recovery_verification")
public class RecoveryVerification extends PanacheEntityBase {

    public enum State {
        VERIFYING,
        VERIFIED,
        FAILED,
        /** No health URL for the service: recovery cannot be verified automatically; no event, a responder decides. */
        UNVERIFIABLE,
        /**
         * Stopped before an outcome: the incident was resolved, reopened or back to investigating; a mitigation's
         * verification took over; or, after the alerts resolved, never started (another verification in flight).
         */
        CANCELLED
    }

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    /** The applied mitigation this verification follows; null when it follows the alerts resolving. */
    @Column(name = "mitigation_id")
    public UUID mitigationId;
    /** When every alert of the incident had resolved (from incident.alerts-resolved); null after a mitigation. */
    @Column(name = "alerts_resolved_at")
    public Instant alertsResolvedAt;
    /** What it follows, for people: "ROLLBACK of checkout", "all 3 alerts resolved at 2026-…". */
    public String follows;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "health_url")
    public String healthUrl;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    public Instant deadline;
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
    public String detail;
    /** The mitigation's action (a MitigationAction name), target and requester; null after the alerts resolved. */
    public String action;
    public String target;
    @Column(name = "requested_by")
    public String requestedBy;
    /** The figures last judged (error rate, p95 against their baselines); null without Prometheus. */
    public String effect;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** The W3C traceparent of what started it (the mitigation, the alerts resolving); every check continues it. */
    public String traceparent;

    /** Started by incident.alerts-resolved rather than by a mitigation. */
    public boolean followsAlerts() {
        return mitigationId == null;
    }
}
