package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;

/** Both overlays render and load as valid Kubernetes objects, with no secret in Git. */
class RenderingTest {
    /** The operator kinds the platform relies on; anything else unknown to the model is a typo in a kind. */
    private static final Set<String> OPERATOR_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser",
            "Cluster", "Database", "ScaledObject", "TriggerAuthentication", "ServiceMonitor");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyBuiltInObjectMatchesTheKubernetesModel(Overlay overlay) {
        List<String> unknown = new ArrayList<>();
        for (HasMetadata o : overlay.manifests().all()) {
            unknown.addAll(StrictModel.unknownFields(o, o.getKind() + "/" + o.getMetadata().getName()));
        }
        assertThat(unknown).as("fields the Kubernetes API does not know, or values of the wrong type").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void operatorResourcesAreTheExpectedKinds(Overlay overlay) {
        Set<String> generic = overlay.manifests().all().stream().filter(o -> o instanceof GenericKubernetesResource)
                .map(HasMetadata::getKind).collect(Collectors.toSet());
        assertThat(OPERATOR_KINDS).containsAll(generic);
        assertThat(generic).contains("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database",
                "ScaledObject", "TriggerAuthentication");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everythingLivesInTheIncidentopsNamespace(Overlay overlay) {
        assertThat(overlay.manifests().typed(Namespace.class)).extracting(n -> n.getMetadata().getName())
                .containsExactly("incidentops");
        overlay.manifests().all().stream().filter(o -> !(o instanceof Namespace)).forEach(o ->
                assertThat(o.getMetadata().getNamespace()).as(o.getKind() + "/" + o.getMetadata().getName())
                        .isEqualTo("incidentops"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noSecretValuesInGit(Overlay overlay) {
        assertThat(overlay.manifests().typed(Secret.class)).as("Secrets are created by the installer or operators")
                .isEmpty();
    }

    @Test
    void serviceMonitorsComponentAddsOneMonitorPerService() {
        Manifests withMonitors = Manifests.load(Kustomize.render(
                Overlay.kubernetesDir().resolve("src/test/kustomize/prod-with-service-monitors")));
        assertThat(withMonitors.generic("ServiceMonitor")).extracting(m -> m.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(ServiceModule.MODULES);
        withMonitors.generic("ServiceMonitor").forEach(m -> {
            assertThat(m.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
            assertThat(m.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
            assertThat(m.at("/metadata/namespace").asText()).isEqualTo("incidentops");
        });
        assertThat(Overlay.PROD.manifests().generic("ServiceMonitor")).as("optional: not in the overlays").isEmpty();
    }
}
