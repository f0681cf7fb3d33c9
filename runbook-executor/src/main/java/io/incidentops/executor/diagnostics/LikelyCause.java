package io.incidentops.executor.diagnostics;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.health.HealthStatus;
import io.incidentops.executor.vendor.VendorStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line that narrows the investigation (seed step 4, "identify likely root cause"). Rules, first that applies:
 * a third-party dependency whose status page says it is down → that dependency, "check failover and degraded mode";
 * else a deployment in the look-back window → the newest one, with how long before detection, "consider rollback";
 * else a DOWN health check → "check infrastructure and logs"; else a passing check → look at dependencies, traffic,
 * configuration; else (nothing known) → follow the runbook.
 */
public final class LikelyCause {

    private LikelyCause() {
    }

    /** @param deployments newest first */
    public static String describe(String service, Instant detectedAt, List<DeploymentSummary> deployments,
                                  HealthResult health, List<VendorStatus> dependencies, Duration lookback) {
        String window = "the " + human(lookback) + " before detection";
        List<VendorStatus> down = dependencies.stream().filter(VendorStatus::down).toList();
        if (!down.isEmpty()) {
            return "Third-party dependency " + down.stream().map(VendorStatus::line).collect(Collectors.joining("; "))
                    + ": check failover, fallbacks and degraded mode";
        }
        if (!deployments.isEmpty()) {
            DeploymentSummary latest = deployments.get(0);
            String before = human(Duration.between(latest.deployedAt(), detectedAt));
            if ("rolledback".equals(latest.kind())) {
                return "Rollback of " + service + " to " + latest.version() + " " + before
                        + " before detection: check whether the rollback caused or failed to fix the issue";
            }
            return "Deployment " + latest.version() + " of " + service + " " + before
                    + " before detection: consider rollback";
        }
        if (health.status() == HealthStatus.DOWN) {
            return "No deployment of " + service + " in " + window + " and its health check is " + health.detail()
                    + ": check infrastructure (pods, load balancer) and application logs";
        }
        if (health.up()) {
            return "No deployment of " + service + " in " + window + " and its health check passes: "
                    + "look at dependencies, traffic and configuration changes";
        }
        return "No deployment of " + service + " in " + window + "; health unknown (" + health.detail()
                + "): follow the runbook";
    }

    static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) return minutes + " min";
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? hours + " h" : hours + " h " + rest + " min";
    }
}
