package io.incidentops.executor.run;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.deployment.Deployment;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.runbook.StepAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the automated actions do. Outcomes: {@code passed}, {@code failed} (the check ran and found a problem),
 * {@code skipped} (nothing to check, e.g. no health URL configured).
 */
@ApplicationScoped
public class AutomatedStepRunner {

    @Inject
    HealthChecker health;

    @Inject
    DeploymentService deployments;

    @Inject
    IncidentDirectory incidents;

    @Inject
    ExecutorConfig config;

    public record Result(String outcome, String detail) {
    }

    public Result run(RunbookRunService.DueStep step) {
        StepAction action = StepAction.of(step.action()).orElse(null);
        if (action == null) return new Result("skipped", "unknown action " + step.action());
        return switch (action) {
            case HTTP_HEALTH_CHECK -> healthCheck(step.service());
            case RECENT_DEPLOYMENTS -> recentDeployments(step.incidentId(), step.service());
        };
    }

    private Result healthCheck(String service) {
        if (health.healthUrl(service).isEmpty()) {
            return new Result("skipped", "no health URL configured for " + service);
        }
        HealthResult result = health.checkService(service);
        return new Result(result.up() ? "passed" : "failed", result.detail());
    }

    private Result recentDeployments(String incidentId, String service) {
        KnownIncident incident = incidents.find(incidentId).orElseThrow();
        Instant detection = incident.detectionTime();
        Duration lookback = config.diagnostics().deploymentLookback();
        List<Deployment> recent = deployments.between(service, detection.minus(lookback), detection);
        if (recent.isEmpty()) {
            return new Result("passed", "no deployment of " + service + " in the " + lookback.toHours()
                    + " h before detection");
        }
        String list = recent.stream().limit(5).map(d -> d.version + " (" + d.kind
                        + (d.environment == null ? "" : ", " + d.environment) + ", "
                        + Duration.between(d.deployedAt, detection).toMinutes() + " min before detection)")
                .collect(Collectors.joining("; "));
        return new Result("passed", recent.size() + " deployment(s) of " + service + ": " + list
                + " - consider rollback of " + recent.get(0).version);
    }
}
