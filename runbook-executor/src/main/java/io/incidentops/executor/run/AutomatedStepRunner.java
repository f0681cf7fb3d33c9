package io.incidentops.executor.run;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.deployment.Deployment;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.executor.deployment.RecentChanges;
import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.runbook.StepAction;
import io.incidentops.executor.runbook.StepParameters;
import io.incidentops.executor.vendor.VendorState;
import io.incidentops.executor.vendor.VendorStatus;
import io.incidentops.executor.vendor.VendorStatusService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.incidentops.executor.run.StepResult.ERROR;
import static io.incidentops.executor.run.StepResult.FAILED;
import static io.incidentops.executor.run.StepResult.PASSED;
import static io.incidentops.executor.run.StepResult.SKIPPED;

/**
 * What the automated actions do (see {@link StepAction}); Prometheus queries, mitigations and signed calls have their
 * own classes. Every check runs outside any transaction, and a service that fails a check is a finding
 * ({@code failed}), never an exception.
 */
@ApplicationScoped
public class AutomatedStepRunner {

    @Inject
    HealthChecker health;

    @Inject
    DeploymentService deployments;

    @Inject
    RecentChanges changes;

    @Inject
    VendorStatusService vendors;

    @Inject
    IncidentDirectory incidents;

    @Inject
    PrometheusStep prometheus;

    @Inject
    MitigationStep mitigations;

    @Inject
    SignedCallStep calls;

    @Inject
    ExecutorConfig config;

    public StepResult run(RunbookRunService.DueStep step) {
        StepAction action = StepAction.of(step.action()).orElse(null);
        if (action == null) return StepResult.of(SKIPPED, "unknown action " + step.action(), null);
        String service = step.service();
        if (service == null) return StepResult.of(SKIPPED, "the incident names no service", null);
        if (action.mitigation().isPresent()) return mitigations.run(step, action.mitigation().get());
        return switch (action) {
            case HTTP_CHECK, HTTP_HEALTH_CHECK -> httpCheck(service, step.parameters());
            case RECENT_DEPLOYMENTS -> recentDeployments(step.incidentId(), service);
            case ROLLOUT_HISTORY -> rolloutHistory(step.incidentId(), service);
            case PROMETHEUS_QUERY -> prometheus.run(service, step.parameters());
            case VENDOR_STATUS -> vendorStatus(service);
            case SIGNED_HTTP_CALL -> calls.run(step);
            default -> throw new IllegalStateException(action + " is a mitigation");
        };
    }

    /** The health URL, or a configured endpoint of the service (never a URL from the incident). */
    private StepResult httpCheck(String service, StepParameters p) {
        String endpoint = p.endpoint();
        Optional<String> url = endpoint == null ? health.healthUrl(service)
                : Optional.ofNullable(config.services().get(service)).map(sc -> sc.endpoints().get(endpoint))
                .filter(u -> !u.isBlank());
        if (url.isEmpty()) {
            return StepResult.of(SKIPPED, endpoint == null ? "no health URL configured for " + service
                    : "no endpoint '" + endpoint + "' configured for " + service, null);
        }
        HealthResult result = health.check(url.get());
        boolean passed = p.expectStatus() == null ? result.up() : Objects.equals(result.httpStatus(), p.expectStatus());
        String expected = p.expectStatus() == null ? "2xx" : "HTTP " + p.expectStatus();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint", endpoint == null ? "health" : endpoint);
        data.put("url", url.get());
        data.put("httpStatus", result.httpStatus());
        data.put("expected", expected);
        String summary = (endpoint == null ? "" : endpoint + ": ") + result.detail()
                + (passed || !result.up() ? "" : " (expected " + expected + ")");
        return StepResult.of(passed ? PASSED : FAILED, summary, data);
    }

    private StepResult recentDeployments(String incidentId, String service) {
        Instant detection = detection(incidentId);
        Duration lookback = config.diagnostics().deploymentLookback();
        List<Deployment> recent = deployments.between(service, detection.minus(lookback), detection);
        return listed(service, detection, recent.stream().map(Deployment::summary).toList(), "deployment");
    }

    /** The topic's deployments and the rollout revisions of the service's Deployment, newest first. */
    private StepResult rolloutHistory(String incidentId, String service) {
        Instant detection = detection(incidentId);
        return listed(service, detection, changes.of(service, detection), "change");
    }

    private StepResult listed(String service, Instant detection, List<DeploymentSummary> recent, String noun) {
        Duration lookback = config.diagnostics().deploymentLookback();
        if (recent.isEmpty()) {
            return StepResult.of(PASSED, "no " + noun + " of " + service + " in the " + lookback.toHours()
                    + " h before detection", recent);
        }
        String list = recent.stream().limit(5).map(d -> d.version() + " (" + d.kind()
                        + (d.environment() == null ? "" : ", " + d.environment()) + ", "
                        + Duration.between(d.deployedAt(), detection).toMinutes() + " min before detection)")
                .collect(Collectors.joining("; "));
        return StepResult.of(PASSED, recent.size() + " " + noun + "(s) of " + service + ": " + list
                + " - consider rollback of " + recent.get(0).version(), recent);
    }

    /** Read now: any dependency down or degraded fails the step; a page that cannot be read is an error. */
    private StepResult vendorStatus(String service) {
        List<VendorStatus> statuses = vendors.checkService(service);
        if (statuses.isEmpty()) return StepResult.of(SKIPPED, "no third-party dependency configured for " + service, null);
        String summary = statuses.stream().map(VendorStatus::line).collect(Collectors.joining("; "));
        boolean bad = statuses.stream().anyMatch(s -> s.state() == VendorState.DOWN || s.state() == VendorState.DEGRADED);
        boolean unread = statuses.stream().anyMatch(s -> s.state() == VendorState.UNKNOWN);
        return StepResult.of(bad ? FAILED : unread ? ERROR : PASSED, summary, statuses);
    }

    private Instant detection(String incidentId) {
        KnownIncident incident = incidents.find(incidentId).orElseThrow();
        return incident.detectionTime();
    }
}
