package io.incidentops.executor.kubernetes;

import io.incidentops.executor.config.ExecutorConfig;

/** A service's Deployment as configured ({@code services."<svc>".kubernetes.*}): the only target actions may touch. */
public record Workload(String service, String namespace, String deployment, int minReplicas, int maxReplicas) {

    static Workload of(String service, ExecutorConfig.KubernetesWorkload config) {
        return new Workload(service, config.namespace(), config.deployment(), config.minReplicas(), config.maxReplicas());
    }

    /** The NetworkPolicy that isolates it; one per Deployment, so isolating twice is refused by the API server. */
    String isolationPolicy() {
        String name = "incidentops-isolate-" + deployment;
        return name.length() <= 253 ? name : name.substring(0, 253);
    }
}
