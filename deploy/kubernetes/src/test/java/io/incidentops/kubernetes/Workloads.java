package io.incidentops.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The parts of a service's Deployment the tests look at. */
final class Workloads {
    private Workloads() {
    }

    static Deployment deployment(Manifests manifests, ServiceModule service) {
        return manifests.typed(Deployment.class, service.applicationName());
    }

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }

    static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** The service's container, `app` in every Deployment. */
    static Container app(Deployment deployment) {
        return pod(deployment).getContainers().stream().filter(c -> c.getName().equals("app")).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no container `app`"));
    }
}
