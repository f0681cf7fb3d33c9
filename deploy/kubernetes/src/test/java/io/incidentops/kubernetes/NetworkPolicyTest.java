package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Services' traffic and exposure: denied unless allowed; DNS, Kafka and PostgreSQL for all; from outside only intake
 * (alerts, ack links), comms (status page) and the executor (approval links); out of the cluster only comms (webhooks)
 * and the executor (Kubernetes API, Prometheus, actions); the Ingress routes to intake and comms, and to the executor
 * only its approval links, on the host its public URL names.
 */
class NetworkPolicyTest {
    /** The only namespace allowed in besides the ingress controller's: Prometheus scraping /q/metrics. */
    private static final String MONITORING = "monitoring";
    private static final Set<String> PUBLIC = Set.of("incident-intake", "comms-service", "runbook-executor");
    /** The executor's only public path: the one-click approval links (GET confirms, POST decides). */
    private static final String APPROVAL_LINKS = "/approval-links";

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everythingIsDeniedUnlessAllowed(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            assertThat(policies(overlay, s)).as(s.module() + ": a default-deny policy for ingress and egress")
                    .anySatisfy(p -> {
                        assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
                        assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                        assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceReachesDnsKafkaAndPostgres(Overlay overlay) {
        String kafka = KafkaTest.kafka(overlay).at("/metadata/name").asText();
        String postgres = overlay.manifests().generic("Cluster").get(0).at("/metadata/name").asText();
        for (ServiceModule s : ServiceModule.all()) {
            String bootstrap = ConfigurationTest.env(overlay, s).value("KAFKA_BOOTSTRAP_SERVERS");
            int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            List<NetworkPolicyEgressRule> egress = egress(overlay, s);
            assertThat(egress).as(s.module() + ": DNS").anyMatch(r -> allows(r.getPorts(), 53, "UDP"));
            assertThat(egress).as(s.module() + ": Kafka " + kafka + ":" + kafkaPort).anyMatch(r ->
                    allows(r.getPorts(), kafkaPort, "TCP") && toPods(r, "strimzi.io/cluster", kafka));
            assertThat(egress).as(s.module() + ": PostgreSQL " + postgres).anyMatch(r ->
                    allows(r.getPorts(), 5432, "TCP") && toPods(r, "cnpg.io/cluster", postgres));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyIntakeAndCommsAreReachableFromOutside(Overlay overlay) {
        Set<String> reachable = ServiceModule.all().stream()
                .filter(s -> ingress(overlay, s).stream().anyMatch(NetworkPolicyTest::fromOutside))
                .map(ServiceModule::module).collect(Collectors.toCollection(TreeSet::new));
        assertThat(reachable).containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyCommsAndTheExecutorLeaveThePlatform(Overlay overlay) {
        for (ServiceModule s : ServiceModule.all()) {
            String bootstrap = ConfigurationTest.env(overlay, s).value("KAFKA_BOOTSTRAP_SERVERS");
            int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            List<NetworkPolicyEgressRule> egress = egress(overlay, s);
            switch (s.module()) {
                case "comms-service" -> assertThat(egress).as("comms: webhooks over HTTPS and pages over SMTP, not to"
                                + " link-local addresses")
                        .anyMatch(r -> allows(r.getPorts(), 443, "TCP") && allows(r.getPorts(), 587, "TCP")
                                && toPublicAddresses(r));
                case "runbook-executor" -> {
                    assertThat(egress).as("executor: Prometheus").anyMatch(r -> allows(r.getPorts(), 9090, "TCP"));
                    assertThat(egress).as("executor: Kubernetes API and action webhooks")
                            .anyMatch(r -> allows(r.getPorts(), 443, "TCP") && allows(r.getPorts(), 6443, "TCP")
                                    && toPublicAddresses(r));
                }
                default -> assertThat(egress).as(s.module() + ": DNS, Kafka and PostgreSQL only").allSatisfy(r ->
                        assertThat(r.getPorts()).isNotEmpty().allSatisfy(p ->
                                assertThat(p.getPort().getIntVal()).isIn(53, kafkaPort, 5432)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theIngressRoutesToIntakeCommsAndTheExecutorsApprovalLinksOnly(Overlay overlay) {
        List<Ingress> ingresses = overlay.manifests().typed(Ingress.class);
        assertThat(ingresses).as("an Ingress").isNotEmpty();
        Set<String> backends = new TreeSet<>();
        for (Ingress ingress : ingresses) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(rule.getHost()).as("every rule names its host").isNotBlank();
                rule.getHttp().getPaths().forEach(path -> {
                    IngressServiceBackend backend = path.getBackend().getService();
                    backends.add(backend.getName());
                    if (backend.getName().equals("runbook-executor")) {
                        assertThat(path.getPath()).as("the executor's API stays inside").isEqualTo(APPROVAL_LINKS);
                        assertThat(path.getPathType()).isEqualTo("Prefix");
                    }
                    Service service = overlay.manifests().typed(Service.class, backend.getName());
                    assertThat(service.getSpec().getPorts()).as(rule.getHost() + path.getPath() + " -> a port of the Service")
                            .anyMatch(p -> p.getName().equals(backend.getPort().getName()));
                });
            }
        }
        Set<String> routed = new TreeSet<>(PUBLIC);
        routed.add(ServiceModule.CONSOLE);
        assertThat(backends).containsExactlyInAnyOrderElementsOf(routed);
    }

    /** The links in approval notices lead through the Ingress: the public URL's host routes /approval-links to it. */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theExecutorsPublicUrlIsTheIngressHostOfItsApprovalLinks(Overlay overlay) {
        assertLinksRouted(overlay, "runbook-executor", "INCIDENTOPS_EXECUTOR_PUBLIC_URL", APPROVAL_LINKS);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void intakesAckBaseUrlIsTheIngressHostOfItsAcknowledgeLinks(Overlay overlay) {
        assertLinksRouted(overlay, "incident-intake", "INCIDENTOPS_ONCALL_ACK_BASE_URL", "/ack");
    }

    /** Links a service puts in messages point at an Ingress host that routes their path to that service. */
    private static void assertLinksRouted(Overlay overlay, String service, String urlKey, String path) {
        URI publicUrl = URI.create(ConfigurationTest.env(overlay, ServiceModule.named(service)).value(urlKey));
        assertThat(publicUrl.getPath()).as("no path prefix: the Ingress routes the path as it is").isIn("", "/");
        List<String> routed = new ArrayList<>();
        for (Ingress ingress : overlay.manifests().typed(Ingress.class)) {
            if (ingress.getSpec().getRules().stream().noneMatch(r -> publicUrl.getHost().equals(r.getHost()))) {
                continue; // another host's Ingress (the console's)
            }
            boolean tls = Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of()).stream()
                    .anyMatch(t -> t.getHosts().contains(publicUrl.getHost()));
            assertThat(publicUrl.getScheme()).as("https where the Ingress has TLS for the host")
                    .isEqualTo(tls ? "https" : "http");
            ingress.getSpec().getRules().stream().filter(r -> publicUrl.getHost().equals(r.getHost()))
                    .flatMap(r -> r.getHttp().getPaths().stream())
                    .filter(p -> path.equals(p.getPath()))
                    .forEach(p -> routed.add(p.getBackend().getService().getName()));
        }
        assertThat(routed).as(urlKey + " routes " + path).containsExactly(service);
    }

    static List<NetworkPolicy> policies(Overlay overlay, ServiceModule s) {
        Map<String, String> labels = Workloads.podLabels(Workloads.deployment(overlay.manifests(), s));
        return overlay.manifests().typed(NetworkPolicy.class).stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), labels)).toList();
    }

    static List<NetworkPolicyIngressRule> ingress(Overlay overlay, ServiceModule s) {
        return policies(overlay, s).stream().flatMap(p -> Optional.ofNullable(p.getSpec().getIngress())
                .orElse(List.of()).stream()).toList();
    }

    static List<NetworkPolicyEgressRule> egress(Overlay overlay, ServiceModule s) {
        return policies(overlay, s).stream().flatMap(p -> Optional.ofNullable(p.getSpec().getEgress())
                .orElse(List.of()).stream()).toList();
    }

    /** A rule admitting traffic from beyond the namespace and Prometheus: anyone, an address block, another namespace. */
    static boolean fromOutside(NetworkPolicyIngressRule rule) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null) {
                return true;
            }
            if (peer.getNamespaceSelector() != null && !Selectors.matches(peer.getNamespaceSelector(),
                    Map.of("kubernetes.io/metadata.name", MONITORING))) {
                return true;
            }
            if (peer.getNamespaceSelector() != null && Optional.ofNullable(peer.getNamespaceSelector().getMatchLabels())
                    .orElse(Map.of()).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static boolean allows(List<NetworkPolicyPort> ports, int port, String protocol) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p ->
                (p.getPort() == null || Integer.valueOf(port).equals(p.getPort().getIntVal()))
                        && protocol.equals(Optional.ofNullable(p.getProtocol()).orElse("TCP")));
    }

    static boolean toPods(NetworkPolicyEgressRule rule, String label, String value) {
        return rule.getTo() != null && rule.getTo().stream().anyMatch(peer -> peer.getPodSelector() != null
                && value.equals(Optional.ofNullable(peer.getPodSelector().getMatchLabels()).orElse(Map.of()).get(label)));
    }

    /** Addresses outside the pod network, never the link-local range (cloud metadata at 169.254.169.254). */
    private static boolean toPublicAddresses(NetworkPolicyEgressRule rule) {
        return rule.getTo() != null && !rule.getTo().isEmpty() && rule.getTo().stream().allMatch(peer ->
                peer.getIpBlock() != null && Optional.ofNullable(peer.getIpBlock().getExcept()).orElse(List.of())
                        .contains("169.254.0.0/16"));
    }
}
