package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.incidentops.events.Topics;

/**
 * Kafka through Strimzi: a KRaft cluster on node pools, every topic the services use as a KafkaTopic, one KafkaUser
 * per service with exactly the ACLs its channels need, and each service connected to the SCRAM listener as its user.
 */
class KafkaTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kraftClusterOnNodePools(Overlay overlay) {
        JsonNode kafka = kafka(overlay);
        String cluster = kafka.at("/metadata/name").asText();
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).as("KRaft: no ZooKeeper").isTrue();
        List<JsonNode> pools = overlay.manifests().generic("KafkaNodePool").stream()
                .filter(p -> cluster.equals(p.at("/metadata/labels/strimzi.io~1cluster").asText())).toList();
        assertThat(pools).as("KafkaNodePools of " + cluster).isNotEmpty();
        int controllers = replicasWithRole(pools, "controller");
        int brokers = replicasWithRole(pools, "broker");
        if (overlay.highlyAvailable()) {
            assertThat(controllers).as("controller quorum survives one node").isGreaterThanOrEqualTo(3).isOdd();
            assertThat(brokers).as("brokers for replication factor 3").isGreaterThanOrEqualTo(3);
            assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asInt()).isEqualTo(3);
        } else {
            assertThat(controllers).isPositive();
            assertThat(brokers).isPositive();
        }
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true))
                .as("topics only from KafkaTopics").isFalse();
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        assertThat(kafka.at("/spec/entityOperator/topicOperator").isMissingNode()).as("topic operator").isFalse();
        assertThat(kafka.at("/spec/entityOperator/userOperator").isMissingNode()).as("user operator").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyTopicOfTheContractAndOfEveryServiceIsAKafkaTopic(Overlay overlay) {
        Set<String> needed = new TreeSet<>();
        Stream.of(Topics.ALERTS, Topics.INCIDENT_EVENTS, Topics.DEPLOYMENTS)
                .forEach(t -> needed.addAll(List.of(t, Topics.deadLetter(t))));
        ServiceModule.all().forEach(s -> needed.addAll(s.topics()));

        for (String topic : needed) {
            JsonNode t = topic(overlay, topic)
                    .orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic));
            assertThat(t.at("/spec/partitions").asInt()).as(topic + " partitions").isPositive();
            assertThat(t.at("/spec/config/retention.ms").asLong()).as(topic + " retention chosen").isPositive();
            if (overlay.highlyAvailable()) {
                assertThat(t.at("/spec/replicas").asInt()).as(topic + " replicas").isEqualTo(3);
                assertThat(t.at("/spec/config/min.insync.replicas").asInt()).as(topic + " min.insync.replicas").isEqualTo(2);
            } else {
                assertThat(t.at("/spec/replicas").asInt()).as(topic + " replicas").isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServiceConnectsAsItsOwnUserWithExactlyTheAclsItNeeds(Overlay overlay) {
        Set<String> users = new TreeSet<>();
        for (ServiceModule s : ServiceModule.all()) {
            ContainerEnv.Origin jaas = ConfigurationTest.env(overlay, s).get("KAFKA_SASL_JAAS_CONFIG")
                    .orElseThrow(() -> new AssertionError(s.module() + ": no KAFKA_SASL_JAAS_CONFIG"));
            assertThat(jaas.key()).as(s.module() + ": the JAAS config Strimzi writes").isEqualTo("sasl.jaas.config");
            JsonNode user = overlay.manifests().requireGeneric("KafkaUser", jaas.name());
            assertThat(users.add(jaas.name())).as(s.module() + ": a KafkaUser of its own").isTrue();
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(acls(user)).as(s.module() + " ACLs (KafkaUser " + jaas.name() + ")")
                    .containsExactlyInAnyOrderElementsOf(s.expectedAcls());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void servicesUseTheTlsScramListener(Overlay overlay) {
        JsonNode kafka = kafka(overlay);
        for (ServiceModule s : ServiceModule.withConsole()) {
            ContainerEnv env = ConfigurationTest.env(overlay, s);
            String bootstrap = env.value("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as(s.module()).startsWith(kafka.at("/metadata/name").asText() + "-kafka-bootstrap:");
            int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            JsonNode listener = listener(kafka, port)
                    .orElseThrow(() -> new AssertionError(s.module() + ": no listener on port " + port));
            assertThat(listener.at("/authentication/type").asText()).as("listener " + port).isEqualTo("scram-sha-512");
            assertThat(listener.at("/tls").asBoolean()).as("listener " + port + " TLS").isTrue();
            assertThat(env.value("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(env.value("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            assertThat(env.value("KAFKA_SSL_TRUSTSTORE_LOCATION")).startsWith("/etc/");
        }
        assertThat(kafka.at("/spec/kafka/listeners")).as("every listener authenticates")
                .allSatisfy(l -> assertThat(l.at("/authentication/type").asText()).isNotEmpty());
    }

    static JsonNode kafka(Overlay overlay) {
        List<JsonNode> clusters = overlay.manifests().generic("Kafka");
        assertThat(clusters).as("one Strimzi Kafka").hasSize(1);
        return clusters.get(0);
    }

    static Optional<JsonNode> topic(Overlay overlay, String name) {
        return overlay.manifests().generic("KafkaTopic").stream()
                .filter(t -> name.equals(t.at("/spec/topicName").asText(t.at("/metadata/name").asText()))).findFirst();
    }

    static int partitions(Overlay overlay, String topic) {
        return topic(overlay, topic).orElseThrow(() -> new AssertionError("no KafkaTopic " + topic))
                .at("/spec/partitions").asInt();
    }

    /** A KafkaUser's simple ACLs as "type name operation", literal patterns only. */
    static Set<String> acls(JsonNode user) {
        assertThat(user.at("/spec/authorization/type").asText()).isEqualTo("simple");
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.at("/resource");
            assertThat(resource.at("/patternType").asText("literal")).as("no prefix or wildcard grants").isEqualTo("literal");
            List<String> operations = new ArrayList<>();
            acl.at("/operations").forEach(op -> operations.add(op.asText()));
            if (acl.has("operation")) {
                operations.add(acl.at("/operation").asText());
            }
            operations.forEach(op -> acls.add(resource.at("/type").asText() + " " + resource.at("/name").asText() + " " + op));
        }
        return acls;
    }

    private static int replicasWithRole(List<JsonNode> pools, String role) {
        return pools.stream().filter(p -> {
            for (JsonNode r : p.at("/spec/roles")) {
                if (role.equals(r.asText())) {
                    return true;
                }
            }
            return false;
        }).mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
    }

    private static Optional<JsonNode> listener(JsonNode kafka, int port) {
        for (JsonNode l : kafka.at("/spec/kafka/listeners")) {
            if (l.at("/port").asInt() == port) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
