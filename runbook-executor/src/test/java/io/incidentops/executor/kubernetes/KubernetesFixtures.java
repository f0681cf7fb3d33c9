package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.Map;

/**
 * Workloads in fabric8's mock API server as a cluster has them: a Deployment with its revision annotation, and the
 * ReplicaSets it owns (one per revision, their pods labelled with a pod-template-hash).
 */
public final class KubernetesFixtures {

    private KubernetesFixtures() {
    }

    /** A Deployment at {@code revision} running {@code image}, its pods labelled {@code app=<name>}. */
    public static Deployment deployment(KubernetesClient client, String ns, String name, String image, int revision,
                                        int replicas) {
        return client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns)
                .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, image, null))
                .endSpec().build()).create();
    }

    /** Creates the ReplicaSet of {@code owner}'s {@code revision}. */
    public static void replicaSet(KubernetesClient client, Deployment owner, int revision, String image) {
        client.apps().replicaSets().inNamespace(owner.getMetadata().getNamespace())
                .resource(replicaSetOf(owner, revision, image)).create();
    }

    public static ReplicaSet replicaSetOf(Deployment owner, int revision, String image) {
        String name = owner.getMetadata().getName();
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-r" + revision).withNamespace(owner.getMetadata().getNamespace())
                .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(name).withUid(owner.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
                .withTemplate(template(name, image, "h" + revision)).endSpec()
                .build();
    }

    /** {@code rs} stamped as created at {@code at} (for recorded answers: the mock stamps its own times). */
    public static ReplicaSet created(ReplicaSet rs, Instant at) {
        rs.getMetadata().setCreationTimestamp(at.toString());
        return rs;
    }

    /** The image of the Deployment's first container. */
    public static String image(KubernetesClient client, String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private static PodTemplateSpec template(String name, String image, String hash) {
        ObjectMeta meta = new ObjectMeta();
        meta.setLabels(hash == null ? Map.of("app", name) : Map.of("app", name, "pod-template-hash", hash));
        return new PodTemplateSpecBuilder().withMetadata(meta)
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec().build();
    }
}
