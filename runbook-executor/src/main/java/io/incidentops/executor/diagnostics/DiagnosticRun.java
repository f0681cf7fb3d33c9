package io.incidentops.executor.diagnostics;

import io.incidentops.executor.health.HealthStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Diagnostics of one incident: PENDING until a worker collected them and announced diagnostics.collected, then DONE
 * and collected again every refresh interval while the incident is open ({@link #refresh}); {@link #dueAt} is then
 * the next refresh.
 */
@Entity
@Table(name = "diagnostic_run")
public class DiagnosticRun extends PanacheEntityBase {

    public enum Status { PENDING, DONE }

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** When a worker may (re)try: pushed forward on claim, so it doubles as a lease. */
    @Column(name = "due_at")
    public Instant dueAt;
    public int attempts;
    @Enumerated(EnumType.STRING)
    @Column(name = "health_status")
    public HealthStatus healthStatus;
    @Column(name = "health_detail")
    public String healthDetail;
    @Column(name = "likely_cause")
    public String likelyCause;
    @Column(name = "error_rate")
    public String errorRate;
    public String latency;
    public String infrastructure;
    /** JSON of the figures read from Prometheus, each with its query and link. */
    public String metrics;
    /** Each third-party dependency's state, as the event's thirdParty. */
    @Column(name = "third_party")
    public String thirdParty;
    /** JSON of the recent deployments found. */
    public String deployments;
    /** Collected again while the incident is open; false once it resolved. */
    public boolean refresh;
    @Column(name = "refreshed_at")
    public Instant refreshedAt;
    public int refreshes;
    /** JSON object of the findings that count as a change (see {@link DiagnosticsChange}). */
    public String fingerprint;
    @Column(name = "changed_at")
    public Instant changedAt;
    /** What changed at {@link #changedAt}, e.g. "error rate peak: 5.0 % → 30 %". */
    public String changes;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** The W3C traceparent of the incident.declared that owed them; collecting and every refresh continue it. */
    public String traceparent;
}
