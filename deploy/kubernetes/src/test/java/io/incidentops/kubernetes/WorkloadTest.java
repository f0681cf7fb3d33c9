package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Each service's Deployment, Service and PodDisruptionBudget follow the rules of issue #12 item 1; so does the
 * console's (issue #13).
 */
class WorkloadTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void oneDeploymentPerServiceAndTheConsoleAndNoOther(Overlay overlay) {
        assertThat(overlay.manifests().typed(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ServiceModule.withConsole().stream()
                        .map(ServiceModule::applicationName).toList());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void containerListensOnTheServicesPortAndAServiceExposesIt(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            Deployment d = Workloads.deployment(overlay.manifests(), s);
            ContainerPort http = Workloads.app(d).getPorts().stream().filter(p -> "http".equals(p.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(s.module() + ": no port named http"));
            assertThat(http.getContainerPort()).as(s.module() + " quarkus.http.port").isEqualTo(s.httpPort());

            Service service = overlay.manifests().typed(Service.class, s.applicationName());
            assertThat(Workloads.podLabels(d)).as(s.module() + " pods carry the Service's selector")
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getSelector()).as(s.module() + " Service selector").isNotEmpty();
            assertThat(service.getSpec().getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void probesUseQuarkusHealthEndpoints(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            Container app = Workloads.app(Workloads.deployment(overlay.manifests(), s));
            assertHealthProbe(s, "startup", app.getStartupProbe(), "/q/health/started");
            assertHealthProbe(s, "readiness", app.getReadinessProbe(), "/q/health/ready");
            assertHealthProbe(s, "liveness", app.getLivenessProbe(), "/q/health/live");
        }
    }

    private static void assertHealthProbe(ServiceModule s, String kind, Probe probe, String path) {
        assertThat(probe).as(s.module() + " " + kind + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(s.module() + " " + kind + " probe is an HTTP GET").isNotNull();
        assertThat(get.getPath()).as(s.module() + " " + kind + " path").isEqualTo(path);
        assertThat(get.getPort().getStrVal() != null ? get.getPort().getStrVal() : String.valueOf(get.getPort().getIntVal()))
                .as(s.module() + " " + kind + " port").isIn("http", String.valueOf(s.httpPort()));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void requestsAndLimitsForCpuAndMemory(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            var resources = Workloads.app(Workloads.deployment(overlay.manifests(), s)).getResources();
            assertThat(resources).as(s.module() + " resources").isNotNull();
            Map<String, Quantity> requests = resources.getRequests();
            Map<String, Quantity> limits = resources.getLimits();
            assertThat(requests).as(s.module() + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(s.module() + " limits").containsKeys("cpu", "memory");
            assertThat(limits.get("memory").getNumericalAmount()).as(s.module() + " memory limit >= request")
                    .isGreaterThanOrEqualTo(requests.get("memory").getNumericalAmount());
            assertThat(limits.get("cpu").getNumericalAmount()).as(s.module() + " cpu limit >= request")
                    .isGreaterThanOrEqualTo(requests.get("cpu").getNumericalAmount());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void nonRootReadOnlyRootFilesystemNoCapabilities(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            Deployment d = Workloads.deployment(overlay.manifests(), s);
            PodSecurityContext pod = Optional.ofNullable(Workloads.pod(d).getSecurityContext()).orElseGet(PodSecurityContext::new);
            SecurityContext container = Optional.ofNullable(Workloads.app(d).getSecurityContext()).orElseGet(SecurityContext::new);
            String m = s.module();

            assertThat(first(container.getRunAsNonRoot(), pod.getRunAsNonRoot())).as(m + " runAsNonRoot").isTrue();
            Long uid = first(container.getRunAsUser(), pod.getRunAsUser());
            assertThat(uid).as(m + " runAsUser (never root)").isNotNull().isNotZero();
            assertThat(container.getReadOnlyRootFilesystem()).as(m + " readOnlyRootFilesystem").isTrue();
            assertThat(container.getAllowPrivilegeEscalation()).as(m + " allowPrivilegeEscalation").isFalse();
            assertThat(container.getPrivileged()).as(m + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(container.getCapabilities()).as(m + " capabilities").isNotNull();
            assertThat(container.getCapabilities().getDrop()).as(m + " capabilities dropped").contains("ALL");
            assertThat(container.getCapabilities().getAdd()).as(m + " capabilities added").isNullOrEmpty();
            String seccomp = first(container.getSeccompProfile() == null ? null : container.getSeccompProfile().getType(),
                    pod.getSeccompProfile() == null ? null : pod.getSeccompProfile().getType());
            assertThat(seccomp).as(m + " seccomp profile").isEqualTo("RuntimeDefault");
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void tmpIsAWritableEmptyDir(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            Deployment d = Workloads.deployment(overlay.manifests(), s);
            VolumeMount tmp = mountAt(Workloads.app(d), "/tmp")
                    .orElseThrow(() -> new AssertionError(s.module() + ": nothing mounted at /tmp"));
            assertThat(tmp.getReadOnly()).as(s.module() + " /tmp writable").isNotEqualTo(Boolean.TRUE);
            Volume volume = volume(Workloads.pod(d), tmp.getName());
            assertThat(volume.getEmptyDir()).as(s.module() + " /tmp is an emptyDir").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void spreadOverNodesAndZones(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            PodSpec pod = Workloads.pod(Workloads.deployment(overlay.manifests(), s));
            assertThat(pod.getTopologySpreadConstraints()).as(s.module() + " topology spread")
                    .extracting(c -> c.getTopologyKey())
                    .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            pod.getTopologySpreadConstraints().forEach(c -> assertThat(c.getMatchLabelKeys())
                    .as(s.module() + ": spread each service on its own").contains("app.kubernetes.io/name"));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void aPodDisruptionBudgetPerDeployment(Overlay overlay) {
        List<PodDisruptionBudget> budgets = overlay.manifests().typed(PodDisruptionBudget.class);
        for (Deployment d : overlay.manifests().typed(Deployment.class)) {
            List<PodDisruptionBudget> covering = budgets.stream()
                    .filter(b -> Selectors.matches(b.getSpec().getSelector(), Workloads.podLabels(d))).toList();
            assertThat(covering).as(d.getMetadata().getName() + ": exactly one PodDisruptionBudget").hasSize(1);
            var spec = covering.get(0).getSpec();
            assertThat(spec.getMaxUnavailable() != null || spec.getMinAvailable() != null)
                    .as(d.getMetadata().getName() + " PDB sets maxUnavailable or minAvailable").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void imagesArePinnedToATag(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            String image = Workloads.app(Workloads.deployment(overlay.manifests(), s)).getImage();
            assertThat(image).as(s.module() + " image").contains("/" + s.module() + ":").doesNotEndWith(":latest");
        }
    }

    static Optional<VolumeMount> mountAt(Container container, String path) {
        return Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> m.getMountPath().equals(path)).findFirst();
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
