package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** {@code kubectl rollout history} of a service's configured Deployment: its ReplicaSets' revisions, with time and images. */
@ApplicationScoped
public class RolloutHistory {

    private static final Logger LOG = Logger.getLogger(RolloutHistory.class);

    @Inject
    Workloads workloads;

    /** One revision: when its ReplicaSet was created, and the images of its pod template. */
    public record Revision(String namespace, String deployment, long revision, String images, Instant createdAt) {
    }

    /**
     * Revisions of the service's Deployment, newest first; empty when none is configured, and (logged) when the API
     * server cannot be read: diagnostics go on without them.
     */
    public List<Revision> of(String service) {
        return workloads.of(service).map(w -> {
            try {
                return workloads.deployment(w).map(d -> workloads.revisions(w, d).stream()
                                .map(rs -> revision(w, rs))
                                .sorted(Comparator.comparing(Revision::createdAt).thenComparingLong(Revision::revision).reversed())
                                .toList())
                        .orElse(List.of());
            } catch (KubernetesClientException e) {
                LOG.warnf("rollout history of %s (%s/%s) not read: %s", service, w.namespace(), w.deployment(), e.getMessage());
                return List.<Revision>of();
            }
        }).orElse(List.of());
    }

    private static Revision revision(Workload w, ReplicaSet rs) {
        String images = rs.getSpec().getTemplate().getSpec().getContainers().stream()
                .map(c -> c.getImage()).collect(Collectors.joining(", "));
        String created = rs.getMetadata().getCreationTimestamp();
        return new Revision(w.namespace(), w.deployment(), Workloads.revision(rs), images,
                created == null ? Instant.EPOCH : Instant.parse(created));
    }
}
