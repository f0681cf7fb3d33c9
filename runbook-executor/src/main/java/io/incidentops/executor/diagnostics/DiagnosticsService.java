package io.incidentops.executor.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.deployment.Deployment;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.health.HealthStatus;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.metrics.MetricsSnapshot;
import io.incidentops.executor.metrics.MetricsText;
import io.incidentops.executor.metrics.ServiceMetrics;
import io.incidentops.executor.vendor.VendorStatus;
import io.incidentops.executor.vendor.VendorStatusService;
import io.incidentops.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seed step 4. The incident.declared handler only records that diagnostics are owed ({@link #schedule}); a worker
 * claims them, makes the slow calls outside any transaction ({@link #collect}), then stores the result and publishes
 * diagnostics.collected in one transaction ({@link #complete}).
 */
@ApplicationScoped
public class DiagnosticsService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ExecutorConfig config;

    @Inject
    DeploymentService deployments;

    @Inject
    HealthChecker health;

    @Inject
    ServiceMetrics metrics;

    @Inject
    ObjectMapper json;

    @Inject
    VendorStatusService vendors;

    /** What one collection found. */
    public record Findings(List<DeploymentSummary> deployments, HealthResult health, MetricsSnapshot metrics,
                           List<VendorStatus> vendors, String likelyCause) {

        /** Each dependency's state, "; "-separated; null when the service has none configured. */
        String thirdParty() {
            return vendors.isEmpty() ? null : vendors.stream().map(VendorStatus::line).collect(Collectors.joining("; "));
        }

        String errorRate() {
            return MetricsText.errorRate(metrics);
        }

        String latency() {
            return MetricsText.latency(metrics);
        }

        /** Saturation from Prometheus, then what the health endpoint said (we see no more of the infrastructure). */
        String infrastructure() {
            String saturation = MetricsText.saturation(metrics);
            String endpoint = health.status() == HealthStatus.UNKNOWN ? null : "health endpoint " + health.detail();
            if (saturation == null) return endpoint;
            return endpoint == null ? saturation : saturation + "; " + endpoint;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String incidentId) {
        DiagnosticRun run = new DiagnosticRun();
        run.incidentId = incidentId;
        run.status = DiagnosticRun.Status.PENDING;
        run.dueAt = Instant.now(clock);
        em.persist(run);
    }

    /** Claims due runs (skipping those another replica holds) and leases them; returns their incident IDs. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> claimDue() {
        Instant now = Instant.now(clock);
        return em.createNativeQuery("""
                        UPDATE diagnostic_run SET due_at = :leaseUntil, attempts = attempts + 1
                        WHERE incident_id IN (SELECT incident_id FROM diagnostic_run
                                              WHERE status = 'PENDING' AND due_at <= :now
                                              ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING incident_id""")
                .setParameter("leaseUntil", now.plus(config.worker().lease()))
                .setParameter("now", now)
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
    }

    /** The slow part: database reads, the health call and Prometheus's queries, outside any transaction. */
    public Findings collect(String incidentId) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        Instant detection = incident.detectionTime();
        List<DeploymentSummary> recent = deployments
                .between(incident.service, detection.minus(config.diagnostics().deploymentLookback()), detection)
                .stream().map(Deployment::summary).toList();
        HealthResult result = health.checkService(incident.service);
        Instant impactStart = incident.startedAt != null ? incident.startedAt : detection;
        MetricsSnapshot figures = metrics.collect(incident.service, impactStart, Instant.now(clock));
        List<VendorStatus> dependencies = vendors.checkService(incident.service);
        String cause = LikelyCause.describe(incident.service, detection, recent, result, dependencies,
                config.diagnostics().deploymentLookback());
        return new Findings(recent, result, figures, dependencies, cause);
    }

    /** Stores the findings and announces them, once: a second worker finishing the same run finds it DONE. */
    @Transactional
    public boolean complete(String incidentId, Findings findings) {
        DiagnosticRun run = em.find(DiagnosticRun.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.status != DiagnosticRun.Status.PENDING) return false;
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        Instant now = Instant.now(clock);
        run.status = DiagnosticRun.Status.DONE;
        run.completedAt = now;
        run.healthStatus = findings.health().status();
        run.healthDetail = findings.health().detail();
        run.likelyCause = findings.likelyCause();
        run.errorRate = findings.errorRate();
        run.latency = findings.latency();
        run.infrastructure = findings.infrastructure();
        run.metrics = toJson(findings.metrics());
        run.thirdParty = findings.thirdParty();
        outbox.publish(new DiagnosticsCollected(incidentId, incident.service, findings.deployments(),
                findings.health().status().name(), findings.health().detail(), run.errorRate, run.latency,
                run.infrastructure, run.thirdParty, findings.likelyCause(), now));
        return true;
    }

    private String toJson(MetricsSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics snapshot not serialisable", e);
        }
    }
}
