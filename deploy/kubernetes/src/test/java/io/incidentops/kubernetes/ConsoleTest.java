package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;

import io.incidentops.events.Topics;
import io.incidentops.kubernetes.ContainerEnv.Kind;

/**
 * The responders' console (issue #13): reaches the four services through their Services, signs people in through
 * the identity provider (settings from the ConfigMap, the client secret from a Secret, the development sign-in off),
 * reads incident-events as its own Kafka user with a consumer group per replica, has no way to the database, and is
 * reachable on a host of its own. What every Deployment shares (probes, non-root, resources...) is in WorkloadTest.
 */
class ConsoleTest {
    private static final ServiceModule CONSOLE = ServiceModule.named(ServiceModule.CONSOLE);

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void callsEachServiceThroughItsServiceAndPort(Overlay overlay) {
        ContainerEnv env = ConfigurationTest.env(overlay, CONSOLE);
        List<String> keys = List.of("INTAKE", "EXECUTOR", "COMMS", "REPORTER");
        for (int i = 0; i < keys.size(); i++) {
            ServiceModule service = ServiceModule.named(ServiceModule.MODULES.get(i));
            String variable = "INCIDENTOPS_CONSOLE_" + keys.get(i) + "_URL";
            assertThat(env.get(variable)).as(variable).get().extracting(ContainerEnv.Origin::kind)
                    .isEqualTo(Kind.CONFIG_MAP);
            URI url = URI.create(env.value(variable));
            Service target = overlay.manifests().typed(Service.class, url.getHost());
            assertThat(target.getSpec().getPorts()).as(variable + " names a port of Service " + url.getHost())
                    .anyMatch(p -> p.getPort() == url.getPort());
            assertThat(url.getHost()).as(variable).isEqualTo(service.applicationName());
            List<NetworkPolicyEgressRule> egress = NetworkPolicyTest.egress(overlay, CONSOLE);
            assertThat(egress).as("the console may reach " + service.module() + " on " + service.httpPort())
                    .anyMatch(r -> NetworkPolicyTest.allows(r.getPorts(), service.httpPort(), "TCP")
                            && NetworkPolicyTest.toPods(r, "incidentops.io/role", "service"));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void signsInThroughTheIdentityProviderNeverTheDevelopmentSignIn(Overlay overlay) {
        ContainerEnv env = ConfigurationTest.env(overlay, CONSOLE);
        assertThat(URI.create(env.value("QUARKUS_OIDC_AUTH_SERVER_URL")).getScheme()).isEqualTo("https");
        assertThat(env.value("QUARKUS_OIDC_CLIENT_ID")).isNotBlank();
        for (String secret : List.of("QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET")) {
            assertThat(env.get(secret)).as(secret).get().extracting(ContainerEnv.Origin::kind).isEqualTo(Kind.SECRET);
        }
        assertThat(env.value("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_ENABLED")).as("development sign-in").isEqualTo("false");
        assertThat(env.get("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_PRIVATE_KEY_LOCATION")).as("no signing key").isEmpty();
        // the identity provider over HTTPS, nothing else outside the platform
        assertThat(NetworkPolicyTest.egress(overlay, CONSOLE)).anyMatch(r -> r.getTo().stream()
                .anyMatch(peer -> peer.getIpBlock() != null) && NetworkPolicyTest.allows(r.getPorts(), 443, "TCP"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void readsIncidentEventsAsItsOwnUserWithAGroupPerReplica(Overlay overlay) {
        ContainerEnv.Origin jaas = ConfigurationTest.env(overlay, CONSOLE).get("KAFKA_SASL_JAAS_CONFIG").orElseThrow();
        assertThat(jaas.kind()).isEqualTo(Kind.SECRET);
        JsonNode user = overlay.manifests().requireGeneric("KafkaUser", jaas.name());
        assertThat(jaas.name()).isEqualTo(CONSOLE.applicationName());
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode resource = acl.at("/resource");
            acl.at("/operations").forEach(op -> acls.add(resource.at("/type").asText() + " " + resource.at("/name").asText()
                    + " " + resource.at("/patternType").asText("literal") + " " + op.asText()));
        }
        String groupPrefix = CONSOLE.applicationName() + "-"; // IncidentEventsListener: incident-console-<random>
        assertThat(acls).containsExactlyInAnyOrder(
                "topic " + Topics.INCIDENT_EVENTS + " literal Read", "topic " + Topics.INCIDENT_EVENTS + " literal Describe",
                "group " + groupPrefix + " prefix Read");
        assertThat(CONSOLE.topicOperations()).as("what the console's channels use")
                .containsOnlyKeys(Topics.INCIDENT_EVENTS).containsEntry(Topics.INCIDENT_EVENTS, Set.of("Read"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void hasNoWayToTheDatabase(Overlay overlay) {
        String postgres = overlay.manifests().generic("Cluster").get(0).at("/metadata/name").asText();
        assertThat(NetworkPolicyTest.egress(overlay, CONSOLE)).as("no egress to PostgreSQL")
                .noneMatch(r -> NetworkPolicyTest.toPods(r, "cnpg.io/cluster", postgres));
        Deployment d = Workloads.deployment(overlay.manifests(), CONSOLE);
        assertThat(Workloads.pod(d).getVolumes()).as("no database CA, no database Secret")
                .noneMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().startsWith("incidentops-db"));
        assertThat(ConfigurationTest.env(overlay, CONSOLE).variables()).doesNotContainKeys(
                "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void reachableOnItsOwnHostAndRedundantInProd(Overlay overlay) {
        assertThat(NetworkPolicyTest.ingress(overlay, CONSOLE)).as("from the ingress controller")
                .anyMatch(NetworkPolicyTest::fromOutside);
        List<String> hosts = overlay.manifests().typed(Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .filter(r -> r.getHttp().getPaths().stream()
                        .anyMatch(p -> p.getBackend().getService().getName().equals(CONSOLE.applicationName())))
                .map(r -> r.getHost()).toList();
        assertThat(hosts).as("hosts routed to the console").singleElement().asString().startsWith("console.");
        Integer replicas = Workloads.deployment(overlay.manifests(), CONSOLE).getSpec().getReplicas();
        if (overlay.highlyAvailable()) {
            assertThat(replicas).as("console replicas in prod").isGreaterThanOrEqualTo(2);
        } else {
            assertThat(replicas).as("console replicas in dev").isEqualTo(1);
        }
    }
}
