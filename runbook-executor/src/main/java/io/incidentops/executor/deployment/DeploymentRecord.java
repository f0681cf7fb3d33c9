package io.incidentops.executor.deployment;

import java.time.Instant;

/** A deployment as read from one record of the deployments topic, before it is stored. */
public record DeploymentRecord(String service, String version, String environment, String kind, Instant deployedAt) {
}
