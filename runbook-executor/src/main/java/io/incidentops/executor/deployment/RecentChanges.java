package io.incidentops.executor.deployment;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.kubernetes.RolloutHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The changes of a service in the look-back window before detection, newest first, in one list: deployments from the
 * deployments topic and the revisions of its Deployment in Kubernetes ("rollout revision N", version = its images).
 * Read by diagnostics and by {@code rollout-history} steps; blocking (the API server): call it outside transactions.
 */
@ApplicationScoped
public class RecentChanges {

    @Inject
    DeploymentService deployments;

    @Inject
    RolloutHistory rollouts;

    @Inject
    ExecutorConfig config;

    public List<DeploymentSummary> of(String service, Instant detection) {
        Instant from = detection.minus(config.diagnostics().deploymentLookback());
        Stream<DeploymentSummary> reported = deployments.between(service, from, detection).stream().map(Deployment::summary);
        Stream<DeploymentSummary> revisions = rollouts.of(service).stream()
                .filter(r -> !r.createdAt().isBefore(from) && !r.createdAt().isAfter(detection))
                .map(r -> new DeploymentSummary(service, r.images(), r.namespace(), "rollout revision " + r.revision(),
                        r.createdAt()));
        return Stream.concat(reported, revisions)
                .sorted(Comparator.comparing(DeploymentSummary::deployedAt).reversed())
                .toList();
    }
}
