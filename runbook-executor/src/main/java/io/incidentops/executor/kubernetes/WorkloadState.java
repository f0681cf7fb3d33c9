package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mitigation may change on a workload, as the preview and the audit record show it: the containers' images,
 * the replicas, the rollout-restart annotation and the isolating NetworkPolicy (null: none).
 */
public record WorkloadState(String namespace, String deployment, List<String> images, Integer replicas,
                            String restartedAt, IsolationPolicy networkPolicy) {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /** The NetworkPolicy as far as isolation is concerned; {@code denyAll}: it lists no ingress or egress rule. */
    public record IsolationPolicy(String name, Map<String, String> podSelector, List<String> policyTypes,
                                  boolean denyAll) {

        static IsolationPolicy of(NetworkPolicy policy) {
            if (policy == null) return null;
            var spec = policy.getSpec();
            Map<String, String> selector = spec.getPodSelector() == null || spec.getPodSelector().getMatchLabels() == null
                    ? Map.of() : new TreeMap<>(spec.getPodSelector().getMatchLabels());
            boolean denyAll = (spec.getIngress() == null || spec.getIngress().isEmpty())
                    && (spec.getEgress() == null || spec.getEgress().isEmpty());
            return new IsolationPolicy(policy.getMetadata().getName(), selector,
                    spec.getPolicyTypes() == null ? List.of() : List.copyOf(spec.getPolicyTypes()), denyAll);
        }
    }

    static WorkloadState of(Workload w, Deployment d, NetworkPolicy policy) {
        var template = d.getSpec().getTemplate();
        List<String> images = template.getSpec().getContainers().stream().map(WorkloadState::image).toList();
        Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        return new WorkloadState(w.namespace(), w.deployment(), images, d.getSpec().getReplicas(),
                annotations == null ? null : annotations.get(RESTARTED_AT), IsolationPolicy.of(policy));
    }

    WorkloadState withPolicy(IsolationPolicy policy) {
        return new WorkloadState(namespace, deployment, images, replicas, restartedAt, policy);
    }

    private static String image(Container c) {
        return c.getName() + "=" + c.getImage();
    }
}
