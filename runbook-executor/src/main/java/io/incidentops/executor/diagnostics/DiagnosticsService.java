package io.incidentops.executor.diagnostics;

import io.incidentops.platform.worker.Traced;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.deployment.RecentChanges;
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
import io.incidentops.platform.tracing.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Seed step 4. The incident.declared handler only records that diagnostics are owed ({@link #schedule}); a worker
 * claims them, makes the slow calls outside any transaction ({@link #collect}), then stores the result and publishes
 * diagnostics.collected in one transaction ({@link #complete}). While the incident is open the worker collects them
 * again every refresh interval ({@link #refresh}).
 */
@ApplicationScoped
public class DiagnosticsService {

    private static final TypeReference<List<DeploymentSummary>> DEPLOYMENTS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> FINGERPRINT = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ExecutorConfig config;

    @Inject
    HealthChecker health;

    @Inject
    ServiceMetrics metrics;

    @Inject
    ObjectMapper json;

    @Inject
    VendorStatusService vendors;

    @Inject
    RecentChanges changes;

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
        run.refresh = true;
        run.traceparent = TraceParents.current(); // the declaration's: collecting and every refresh continue it
        em.persist(run);
    }

    /**
     * Claims due runs, owed ones and refreshes of open incidents (skipping those another replica holds), and leases
     * them; returns their incidents with their traces.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Due> claimDue() {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE diagnostic_run SET due_at = :leaseUntil, attempts = attempts + 1
                        WHERE incident_id IN (SELECT incident_id FROM diagnostic_run
                                              WHERE (status = 'PENDING' OR refresh) AND due_at <= :now
                                              ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING incident_id, traceparent""")
                .setParameter("leaseUntil", now.plus(config.worker().lease()))
                .setParameter("now", now)
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
        return rows.stream().map(r -> new Due((String) r[0], (String) r[1])).toList();
    }

    /** An incident whose diagnostics (or their refresh) are due, with the trace of its declaration. */
    public record Due(String incidentId, String traceparent) implements Traced {
    }

    /** The incident resolved: its diagnostics are no longer refreshed (handler transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stopRefreshing(String incidentId) {
        DiagnosticRun run = em.find(DiagnosticRun.class, incidentId);
        if (run != null) run.refresh = false;
    }

    /** The incident reopened: refresh its diagnostics again, starting now (handler transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resumeRefreshing(String incidentId) {
        DiagnosticRun run = em.find(DiagnosticRun.class, incidentId);
        if (run != null && !run.refresh) {
            run.refresh = true;
            run.dueAt = Instant.now(clock);
        }
    }

    /** The slow part: database reads, the health call and Prometheus's queries, outside any transaction. */
    public Findings collect(String incidentId) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        Instant detection = incident.detectionTime();
        List<DeploymentSummary> recent = changes.of(incident.service, detection);
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
        record(run, findings, now);
        run.fingerprint = toJson(DiagnosticsChange.fingerprint(findings));
        outbox.publish(new DiagnosticsCollected(incidentId, incident.service, findings.deployments(),
                findings.health().status().name(), findings.health().detail(), run.errorRate, run.latency,
                run.infrastructure, run.thirdParty, findings.likelyCause(), now));
        return true;
    }

    /**
     * Stores a refresh of DONE diagnostics: always the latest findings, and when they changed (see
     * {@link DiagnosticsChange}) when and what. Returns whether they changed; empty if the run is not refreshed any
     * more (the incident resolved meanwhile) or is not DONE.
     */
    @Transactional
    public Optional<Boolean> refresh(String incidentId, Findings findings) {
        DiagnosticRun run = em.find(DiagnosticRun.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.status != DiagnosticRun.Status.DONE || !run.refresh) return Optional.empty();
        Instant now = Instant.now(clock);
        Map<String, String> fingerprint = DiagnosticsChange.fingerprint(findings);
        String changes = DiagnosticsChange.diff(run.fingerprint == null ? Map.of() : fromJson(run.fingerprint), fingerprint);
        record(run, findings, now);
        run.refreshes++;
        run.fingerprint = toJson(fingerprint);
        if (changes != null) {
            // the contract has no diagnostics.updated yet: the change is kept for the endpoint, not announced
            run.changedAt = now;
            run.changes = changes;
        }
        return Optional.of(changes != null);
    }

    /** The incident's diagnostics as last collected; empty if the executor does not know the incident. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DiagnosticsView> view(String incidentId) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        if (incident == null) return Optional.empty();
        DiagnosticRun run = em.find(DiagnosticRun.class, incidentId);
        List<VendorStatus> dependencies = incident.service == null ? List.of() : vendors.latest(incident.service);
        if (run == null || run.status == DiagnosticRun.Status.PENDING) {
            return Optional.of(DiagnosticsView.pending(incidentId, incident.service, dependencies));
        }
        return Optional.of(new DiagnosticsView(incidentId, incident.service, run.status.name(), run.completedAt,
                run.refreshedAt, run.refresh, run.changedAt, run.changes, run.healthStatus == null ? null : run.healthStatus.name(),
                run.healthDetail, run.errorRate, run.latency, run.infrastructure, run.thirdParty, run.likelyCause,
                run.deployments == null ? List.of() : read(run.deployments, DEPLOYMENTS),
                run.metrics == null ? null : read(run.metrics, new TypeReference<MetricsSnapshot>() {
                }), dependencies));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("diagnostic_run holds malformed JSON", e);
        }
    }

    /** What both the first collection and a refresh keep; the next refresh is due an interval later. */
    private void record(DiagnosticRun run, Findings findings, Instant now) {
        run.healthStatus = findings.health().status();
        run.healthDetail = findings.health().detail();
        run.likelyCause = findings.likelyCause();
        run.errorRate = findings.errorRate();
        run.latency = findings.latency();
        run.infrastructure = findings.infrastructure();
        run.thirdParty = findings.thirdParty();
        run.metrics = toJson(findings.metrics());
        run.deployments = toJson(findings.deployments());
        run.refreshedAt = now;
        run.dueAt = now.plus(config.diagnostics().refreshInterval());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("diagnostics not serialisable", e);
        }
    }

    private Map<String, String> fromJson(String text) {
        return read(text, FINGERPRINT);
    }
}
