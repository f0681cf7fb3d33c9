package io.incidentops.executor.kubernetes;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Services whose workloads live in the mock API server: each test acts on its own Deployment of namespace "shop". The
 * runbooks of {@code src/test/resources/step-runbooks} (typed steps, chosen by their own keywords) are loaded too.
 */
public class KubernetesProfile implements QuarkusTestProfile {

    public static final String NAMESPACE = "shop";
    /** Read through a recorded answer (the mock stamps its own creation times), not CRUD. */
    static final String HISTORY_NAMESPACE = "history";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        workload(config, "k8s-rollback", NAMESPACE, "rollback-app");
        workload(config, "k8s-drift", NAMESPACE, "drift-app");
        workload(config, "k8s-restart", NAMESPACE, "restart-app");
        workload(config, "k8s-scale", NAMESPACE, "scale-app");
        config.put("incidentops.executor.services.\"k8s-scale\".kubernetes.min-replicas", "2");
        config.put("incidentops.executor.services.\"k8s-scale\".kubernetes.max-replicas", "5");
        workload(config, "k8s-isolate", NAMESPACE, "isolate-app");
        workload(config, "k8s-history", HISTORY_NAMESPACE, "history-app");
        workload(config, "k8s-steps", NAMESPACE, "steps-app");
        config.put("incidentops.executor.runbooks.directory", resourceDirectory("step-runbooks"));
        return config;
    }

    private static String resourceDirectory(String name) {
        try {
            return Path.of(KubernetesProfile.class.getClassLoader().getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void workload(Map<String, String> config, String service, String namespace, String deployment) {
        config.put("incidentops.executor.services.\"" + service + "\".kubernetes.namespace", namespace);
        config.put("incidentops.executor.services.\"" + service + "\".kubernetes.deployment", deployment);
    }
}
