package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import io.incidentops.kubernetes.ContainerEnv.Kind;
import io.incidentops.kubernetes.ContainerEnv.Origin;

/**
 * Comms' watchdog in the cluster (#12), as the local stack sets it up: it reads every other service's pipeline health
 * ({@code /q/health/group/pipeline}) through that service's in-cluster Service, pages owners named in a ConfigMap or
 * Secret, and the NetworkPolicies let that traffic through: out of comms, into each watched service from comms.
 */
class CommsWatchdogTest {
    private static final String COMMS = "comms-service";
    private static final String HEALTH_URLS = "INCIDENTOPS_COMMS_WATCHDOG_HEALTH_URLS_";
    private static final String OWNERS = "INCIDENTOPS_COMMS_WATCHDOG_OWNERS";
    private static final String PIPELINE = "/q/health/group/pipeline";
    /** The contract's channels ({@code ContactAddress}), as comms' {@code watchdog.owners} takes them. */
    private static final Pattern OWNER = Pattern.compile("(email|sms|phone|slack|push|teams):\\S+");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyOtherServicesPipelineHealthIsWatchedThroughItsService(Overlay overlay) {
        Map<String, String> watched = new TreeMap<>();
        commsEnv(overlay).variables().forEach((name, origin) -> {
            if (!name.startsWith(HEALTH_URLS)) {
                return;
            }
            assertThat(origin.kind()).as(name + " from the comms ConfigMap").isEqualTo(Kind.CONFIG_MAP);
            URI url = URI.create(origin.value());
            assertThat(url.getScheme()).as(name).isEqualTo("http");
            assertThat(url.getPath()).as(name + ": the pipeline health group").isEqualTo(PIPELINE);
            Service service = overlay.manifests().typed(Service.class, url.getHost());
            ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getPort() == url.getPort())
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": Service " + url.getHost()
                            + " has no port " + url.getPort()));
            ServiceModule target = selected(overlay, service);
            assertThat(containerPort(overlay, target, port.getTargetPort())).as(name + ": reaches the HTTP server of "
                    + target.module()).isEqualTo(target.httpPort());
            watched.put(target.module(), url.toString());
        });
        assertThat(watched.keySet()).as("the services comms watches").containsExactlyInAnyOrderElementsOf(others());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theOwnersItPagesComeFromAConfigMapOrSecret(Overlay overlay) {
        Origin owners = commsEnv(overlay).get(OWNERS)
                .orElseThrow(() -> new AssertionError(OWNERS + " is not set: the watchdog would page nobody"));
        assertThat(owners.kind()).as(OWNERS + " from a ConfigMap or Secret").isIn(Kind.CONFIG_MAP, Kind.SECRET);
        if (owners.kind() == Kind.CONFIG_MAP) {
            assertThat(Arrays.stream(owners.value().split(",")).map(String::strip).toList())
                    .as(OWNERS + ": <channel>:<address>, comma-separated").isNotEmpty()
                    .allMatch(o -> OWNER.matcher(o).matches());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theNetworkPoliciesLetCommsReachEachWatchedService(Overlay overlay) {
        Map<String, String> commsPods = Workloads.podLabels(deployment(overlay, ServiceModule.named(COMMS)));
        for (String module : others()) {
            ServiceModule s = ServiceModule.named(module);
            Map<String, String> pods = Workloads.podLabels(deployment(overlay, s));
            boolean out = policies(overlay, commsPods).stream()
                    .flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream())
                    .anyMatch(r -> allows(overlay, s, r.getPorts()) && reaches(r.getTo(), pods));
            assertThat(out).as("comms may connect to " + module + " on " + s.httpPort()).isTrue();
            boolean in = policies(overlay, pods).stream()
                    .flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream())
                    .anyMatch(r -> allows(overlay, s, r.getPorts()) && reaches(r.getFrom(), commsPods));
            assertThat(in).as(module + " admits comms on " + s.httpPort()).isTrue();
        }
    }

    private static Set<String> others() {
        return ServiceModule.MODULES.stream().filter(m -> !m.equals(COMMS)).collect(Collectors.toSet());
    }

    private static ContainerEnv commsEnv(Overlay overlay) {
        return ConfigurationTest.env(overlay, ServiceModule.named(COMMS));
    }

    private static Deployment deployment(Overlay overlay, ServiceModule s) {
        return Workloads.deployment(overlay.manifests(), s);
    }

    /** The one service whose pods the Service selects. */
    private static ServiceModule selected(Overlay overlay, Service service) {
        var selector = new LabelSelectorBuilder().withMatchLabels(service.getSpec().getSelector()).build();
        List<ServiceModule> selected = ServiceModule.all().stream()
                .filter(s -> Selectors.matches(selector, Workloads.podLabels(deployment(overlay, s)))).toList();
        assertThat(selected).as("Service " + service.getMetadata().getName() + " selects one service's pods").hasSize(1);
        return selected.get(0);
    }

    /** The container port a Service or policy port means on the service's pods (a number, or a port's name). */
    private static int containerPort(Overlay overlay, ServiceModule s, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return Workloads.app(deployment(overlay, s)).getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(s.module() + " has no port named " + port.getStrVal()))
                .getContainerPort();
    }

    private static List<NetworkPolicy> policies(Overlay overlay, Map<String, String> podLabels) {
        return overlay.manifests().typed(NetworkPolicy.class).stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), podLabels)).toList();
    }

    /** No ports: every port; else one of them is the service's HTTP port over TCP. */
    private static boolean allows(Overlay overlay, ServiceModule s, List<NetworkPolicyPort> ports) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> (p.getPort() == null
                || containerPort(overlay, s, p.getPort()) == s.httpPort())
                && "TCP".equals(Optional.ofNullable(p.getProtocol()).orElse("TCP")));
    }

    /** Pods of this namespace with these labels are among the peers (a peer naming another namespace is not). */
    private static boolean reaches(List<NetworkPolicyPeer> peers, Map<String, String> podLabels) {
        return peers != null && peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null
                && peer.getIpBlock() == null && Selectors.matches(peer.getPodSelector(), podLabels));
    }
}
