package io.incidentops.events.executor;

import java.time.Instant;

/** A deployment seen on the {@code deployments} topic, as reported in diagnostics. */
public record DeploymentSummary(String service, String version, String environment, String kind, Instant deployedAt) {
}
