package io.incidentops.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/**
 * The environment a container starts with, and where each variable comes from: {@code envFrom} ConfigMaps (their keys
 * read from the rendered ConfigMap), then {@code env} entries, which win, as the kubelet applies them.
 */
final class ContainerEnv {
    enum Kind { CONFIG_MAP, SECRET, LITERAL, OTHER }

    /** One variable: where it comes from and, for a ConfigMap or a literal, its value. */
    record Origin(Kind kind, String name, String key, String value) {
    }

    private final Map<String, Origin> variables = new LinkedHashMap<>();

    ContainerEnv(Manifests manifests, Container container) {
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap map = manifests.configMap(name)
                        .orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + name + ", which is not rendered"));
                Optional.ofNullable(map.getData()).orElse(Map.of()).forEach((k, v) ->
                        variables.put(prefix(from) + k, new Origin(Kind.CONFIG_MAP, name, k, v)));
            }
            // envFrom of a Secret brings keys nobody can see in Git: required secrets are referenced one by one
        }
        for (EnvVar e : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            variables.put(e.getName(), origin(manifests, e));
        }
    }

    private static String prefix(EnvFromSource from) {
        return from.getPrefix() == null ? "" : from.getPrefix();
    }

    private static Origin origin(Manifests manifests, EnvVar e) {
        EnvVarSource from = e.getValueFrom();
        if (from == null) {
            return new Origin(Kind.LITERAL, null, null, e.getValue());
        }
        if (from.getSecretKeyRef() != null) {
            return new Origin(Kind.SECRET, from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey(), null);
        }
        if (from.getConfigMapKeyRef() != null) {
            String name = from.getConfigMapKeyRef().getName();
            String key = from.getConfigMapKeyRef().getKey();
            String value = manifests.configMap(name).map(ConfigMap::getData).map(d -> d.get(key))
                    .orElseThrow(() -> new AssertionError(e.getName() + " refers to " + name + "/" + key + ", not rendered"));
            return new Origin(Kind.CONFIG_MAP, name, key, value);
        }
        return new Origin(Kind.OTHER, null, null, null);
    }

    Map<String, Origin> variables() {
        return variables;
    }

    Optional<Origin> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /** The value of a variable set from a ConfigMap or literally (null for secrets). */
    String value(String name) {
        return get(name).map(Origin::value).orElseThrow(() -> new AssertionError(name + " is not set"));
    }
}
