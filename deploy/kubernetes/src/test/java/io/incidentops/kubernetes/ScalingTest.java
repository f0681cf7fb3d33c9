package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.incidentops.events.Topics;

/**
 * Each service scales on its own: intake by a HorizontalPodAutoscaler, the three event consumers by KEDA on their
 * consumer group's lag; never more replicas than partitions; at least two of each in prod, one of each in dev.
 */
class ScalingTest {
    private static final String INTAKE = "incident-intake";

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void intakeScalesWithAnHpaWithinTheAlertsPartitions(Overlay overlay) {
        List<HorizontalPodAutoscaler> hpas = overlay.manifests().typed(HorizontalPodAutoscaler.class);
        assertThat(hpas).extracting(h -> h.getSpec().getScaleTargetRef().getName()).containsExactly(INTAKE);
        HorizontalPodAutoscaler hpa = hpas.get(0);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getMetrics()).as("scales on CPU or request rate").isNotEmpty();
        assertThat(hpa.getSpec().getMaxReplicas()).as("intake replicas <= alerts partitions")
                .isLessThanOrEqualTo(KafkaTest.partitions(overlay, Topics.ALERTS));
        assertReplicaRange(overlay, INTAKE, hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eventConsumersScaleWithKedaOnTheirOwnLagWithinThePartitions(Overlay overlay) {
        List<JsonNode> scaledObjects = overlay.manifests().generic("ScaledObject");
        List<ServiceModule> consumers = ServiceModule.all().stream().filter(s -> !s.module().equals(INTAKE)).toList();
        assertThat(scaledObjects).extracting(o -> o.at("/spec/scaleTargetRef/name").asText())
                .containsExactlyInAnyOrderElementsOf(consumers.stream().map(ServiceModule::applicationName).toList());

        for (ServiceModule s : consumers) {
            JsonNode so = scaledObjects.stream()
                    .filter(o -> s.applicationName().equals(o.at("/spec/scaleTargetRef/name").asText())).findFirst().orElseThrow();
            int max = so.at("/spec/maxReplicaCount").asInt();
            assertThat(so.at("/spec/triggers")).as(s.module() + " triggers").isNotEmpty();
            for (JsonNode trigger : so.at("/spec/triggers")) {
                assertThat(trigger.at("/type").asText()).isEqualTo("kafka");
                String topic = trigger.at("/metadata/topic").asText();
                assertThat(s.groupByTopic()).as(s.module() + " consumes " + topic).containsKey(topic);
                assertThat(trigger.at("/metadata/consumerGroup").asText()).as(s.module() + " group on " + topic)
                        .isEqualTo(s.groupByTopic().get(topic));
                assertThat(max).as(s.module() + ": maxReplicaCount <= partitions of " + topic)
                        .isLessThanOrEqualTo(KafkaTest.partitions(overlay, topic));
                assertKedaMayReadTheLag(overlay, trigger, topic);
            }
            assertReplicaRange(overlay, s.module(), so.at("/spec/minReplicaCount").asInt(), max);
        }
    }

    /** KEDA authenticates as a KafkaUser allowed to describe the topic and the group it scales on. */
    private static void assertKedaMayReadTheLag(Overlay overlay, JsonNode trigger, String topic) {
        JsonNode auth = overlay.manifests().requireGeneric("TriggerAuthentication",
                trigger.at("/authenticationRef/name").asText());
        String usernameMap = null;
        String usernameKey = null;
        for (JsonNode ref : auth.at("/spec/configMapTargetRef")) {
            if (ref.at("/parameter").asText().equals("username")) {
                usernameMap = ref.at("/name").asText();
                usernameKey = ref.at("/key").asText();
            }
        }
        assertThat(usernameMap).as("KEDA's Kafka username from a ConfigMap").isNotNull();
        String user = overlay.manifests().configMap(usernameMap).orElseThrow().getData().get(usernameKey);
        assertThat(auth.at("/spec/secretTargetRef")).anySatisfy(ref -> {
            assertThat(ref.at("/parameter").asText()).isEqualTo("password");
            assertThat(ref.at("/name").asText()).as("the KafkaUser's Secret").isEqualTo(user);
        });
        assertThat(KafkaTest.acls(overlay.manifests().requireGeneric("KafkaUser", user)))
                .contains("topic " + topic + " Describe", "group " + trigger.at("/metadata/consumerGroup").asText() + " Describe");
        assertThat(trigger.at("/metadata/sasl").asText()).isEqualTo("scram_sha512");
        assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
    }

    private static void assertReplicaRange(Overlay overlay, String service, int min, int max) {
        if (overlay.highlyAvailable()) {
            assertThat(min).as(service + ": at least 2 replicas in prod").isGreaterThanOrEqualTo(2);
            assertThat(max).as(service + " max >= min").isGreaterThanOrEqualTo(min);
        } else {
            assertThat(min).as(service + ": one replica in dev").isEqualTo(1);
            assertThat(max).as(service + ": one replica in dev").isEqualTo(1);
        }
        Integer fixed = Workloads.deployment(overlay.manifests(), ServiceModule.named(service)).getSpec().getReplicas();
        assertThat(fixed).as(service + ": the autoscaler owns the replica count").isNull();
    }
}
