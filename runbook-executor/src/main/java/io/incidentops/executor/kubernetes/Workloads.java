package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.incidentops.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configured workloads and the API server. The client is only created once a configured workload is used: with no
 * {@code kubernetes} key anywhere (local stack, tests of other modules) the executor never contacts a cluster.
 */
@ApplicationScoped
public class Workloads {

    static final String REVISION = "deployment.kubernetes.io/revision";

    @Inject
    ExecutorConfig config;

    @Inject
    Instance<KubernetesClient> client;

    public Optional<Workload> of(String service) {
        if (service == null) return Optional.empty();
        return Optional.ofNullable(config.services().get(service))
                .flatMap(ExecutorConfig.ServiceConfig::kubernetes)
                .map(k -> Workload.of(service, k));
    }

    KubernetesClient client() {
        return client.get();
    }

    /** The Deployment, or empty when it does not exist. */
    Optional<Deployment> deployment(Workload w) {
        return Optional.ofNullable(client().apps().deployments().inNamespace(w.namespace()).withName(w.deployment()).get());
    }

    /** The Deployment's ReplicaSets (owned by it), oldest revision first, as {@code kubectl rollout history} lists them. */
    List<ReplicaSet> revisions(Workload w, Deployment d) {
        return client().apps().replicaSets().inNamespace(w.namespace()).list().getItems().stream()
                .filter(rs -> ownedBy(rs, d))
                .sorted(Comparator.comparingLong(Workloads::revision))
                .toList();
    }

    static long revision(HasMetadata resource) {
        String value = resource.getMetadata().getAnnotations() == null ? null
                : resource.getMetadata().getAnnotations().get(REVISION);
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean ownedBy(ReplicaSet rs, Deployment d) {
        return rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> "Deployment".equals(o.getKind()) && d.getMetadata().getName().equals(o.getName())
                        && (o.getUid() == null || o.getUid().equals(d.getMetadata().getUid())));
    }
}
