package io.incidentops.kubernetes;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The objects of one rendered kustomization, loaded with the fabric8 Kubernetes model: built-in kinds as their
 * model classes, operator kinds (Strimzi, CloudNativePG, KEDA, Prometheus Operator) as generic resources.
 */
final class Manifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = List.copyOf(objects);
    }

    @SuppressWarnings("unchecked")
    static Manifests load(String yaml) {
        Object loaded = SERIALIZATION.unmarshal(yaml);
        if (loaded instanceof List<?> list) {
            return new Manifests((List<HasMetadata>) list);
        }
        if (loaded instanceof KubernetesList list) {
            return new Manifests(list.getItems());
        }
        return new Manifests(List.of((HasMetadata) loaded));
    }

    List<HasMetadata> all() {
        return objects;
    }

    /** Objects of a built-in kind, as their model class. */
    <T extends HasMetadata> List<T> typed(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    <T extends HasMetadata> T typed(Class<T> type, String name) {
        return typed(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    /** Operator resources of a kind (e.g. {@code KafkaTopic}), as JSON trees. */
    List<JsonNode> generic(String kind) {
        return objects.stream()
                .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(o -> SERIALIZATION.convertValue(o, JsonNode.class))
                .collect(Collectors.toList());
    }

    Optional<JsonNode> generic(String kind, String name) {
        return generic(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).findFirst();
    }

    JsonNode requireGeneric(String kind, String name) {
        return generic(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** A ConfigMap by the name a manifest refers to (kustomize adds the hash suffix to both). */
    Optional<ConfigMap> configMap(String name) {
        return typed(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }
}
