package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import io.incidentops.kubernetes.ContainerEnv.Kind;
import io.incidentops.kubernetes.ContainerEnv.Origin;

/**
 * Every setting a service needs in production is set, from a ConfigMap or a Secret by reference; secrets only from
 * Secrets; files named in the configuration are mounted; every Secret the installer must create is in README.md.
 */
class ConfigurationTest {
    /**
     * What each service needs in production: the variables deploy/local's launcher ({@code LocalStack}) gives every
     * service (Kafka, datasource, JWT key, integration key, reports dir), in their cluster form (TLS + SCRAM to Kafka),
     * and the production keys each module README names. A trailing {@code *} means "at least one variable so named".
     */
    private static final Map<String, List<String>> REQUIRED_CONFIG = Map.of(
            "*", List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION", "QUARKUS_DATASOURCE_JDBC_URL", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                    "MP_JWT_VERIFY_ISSUER"),
            "incident-intake", List.of("INCIDENTOPS_ONCALL_ACK_BASE_URL"),
            "runbook-executor", List.of("INCIDENTOPS_EXECUTOR_PUBLIC_URL"),
            "comms-service", List.of("INCIDENTOPS_COMMS_PAGE_URL", "INCIDENTOPS_COMMS_WEBHOOKS_ALLOWED_HOSTS",
                    "QUARKUS_MAILER_HOST", "QUARKUS_MAILER_FROM"),
            "metrics-reporter", List.of("INCIDENTOPS_REPORTS_DIR"));
    private static final Map<String, List<String>> REQUIRED_SECRETS = Map.of(
            "*", List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_SASL_JAAS_CONFIG"),
            "incident-intake", List.of("INCIDENTOPS_SECURITY_INTEGRATION_KEYS_*", "INCIDENTOPS_ONCALL_ACK_SIGNING_SECRET"),
            "runbook-executor", List.of("INCIDENTOPS_EXECUTOR_MITIGATIONS_SIGNING_SECRET",
                    "INCIDENTOPS_EXECUTOR_APPROVAL_LINKS_SIGNING_SECRET"),
            "comms-service", List.of("INCIDENTOPS_COMMS_WEBHOOKS_STAKEHOLDERS_URL",
                    "INCIDENTOPS_COMMS_WEBHOOKS_RESPONDERS_URL", "INCIDENTOPS_COMMS_WEBHOOKS_SIGNING_SECRET",
                    "QUARKUS_MAILER_PASSWORD"));

    /** Names that hold a secret wherever they appear: never a literal, never in a ConfigMap. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|JAAS|TOKEN|INTEGRATION_KEYS|WEBHOOKS_.*_URL");
    private static final Pattern FILE_PATH = Pattern.compile("(?<![\\w/])/(?:etc|var)/[\\w./-]+");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyRequiredSettingIsSetFromAConfigMapOrSecret(Overlay overlay) {
        for (ServiceModule s : ServiceModule.all()) {
            ContainerEnv env = env(overlay, s);
            for (String name : required(REQUIRED_CONFIG, s)) {
                assertThat(find(env, name)).as(s.module() + ": " + name + " from a ConfigMap or Secret")
                        .isNotEmpty().allSatisfy(o -> assertThat(o.kind()).isIn(Kind.CONFIG_MAP, Kind.SECRET));
            }
            for (String name : required(REQUIRED_SECRETS, s)) {
                assertThat(find(env, name)).as(s.module() + ": " + name + " from a Secret")
                        .isNotEmpty().allSatisfy(o -> assertThat(o.kind()).isEqualTo(Kind.SECRET));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void secretsAreNeverLiteralsNorInConfigMaps(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            for (EnvVar e : Optional.ofNullable(Workloads.app(deployment(overlay, s)).getEnv()).orElse(List.of())) {
                if (SECRET_NAME.matcher(e.getName()).find()) {
                    assertThat(e.getValueFrom()).as(s.module() + ": " + e.getName() + " is a reference").isNotNull();
                    assertThat(e.getValueFrom().getSecretKeyRef()).as(s.module() + ": " + e.getName() + " from a Secret")
                            .isNotNull();
                }
            }
        }
        for (ConfigMap map : overlay.manifests().typed(ConfigMap.class)) {
            assertThat(Optional.ofNullable(map.getData()).orElse(Map.of()).keySet())
                    .as("ConfigMap " + map.getMetadata().getName() + " holds no secret")
                    .noneMatch(k -> SECRET_NAME.matcher(k.toUpperCase()).find());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void filesNamedInTheConfigurationAreMounted(Overlay overlay) {
        for (ServiceModule s : ServiceModule.withConsole()) {
            Container app = Workloads.app(deployment(overlay, s));
            env(overlay, s).variables().forEach((name, origin) -> {
                if (origin.value() == null) {
                    return;
                }
                Matcher m = FILE_PATH.matcher(origin.value());
                while (m.find()) {
                    String path = m.group();
                    assertThat(app.getVolumeMounts()).as(s.module() + ": " + name + " names " + path + ", mounted?")
                            .anyMatch(v -> path.equals(v.getMountPath()) || path.startsWith(v.getMountPath() + "/"));
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void reportsDirectoryIsAWritableVolume(Overlay overlay) {
        ServiceModule reporter = ServiceModule.named("metrics-reporter");
        Deployment d = deployment(overlay, reporter);
        String dir = env(overlay, reporter).value("INCIDENTOPS_REPORTS_DIR");
        VolumeMount mount = WorkloadTest.mountAt(Workloads.app(d), dir)
                .orElseThrow(() -> new AssertionError("nothing mounted at INCIDENTOPS_REPORTS_DIR " + dir));
        assertThat(mount.getReadOnly()).as("reports dir writable").isNotEqualTo(Boolean.TRUE);
    }

    /**
     * The Secrets an installer creates (not made by Strimzi or CloudNativePG) are exactly those README.md lists under
     * "Secrets", so the install steps cannot miss one.
     */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyInstallerSecretIsInTheReadme(Overlay overlay) throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Deployment d : overlay.manifests().typed(Deployment.class)) {
            Optional.ofNullable(Workloads.app(d).getEnv()).orElse(List.of()).stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> referenced.add(e.getValueFrom().getSecretKeyRef().getName()));
            Workloads.pod(d).getVolumes().stream().map(Volume::getSecret).filter(v -> v != null)
                    .forEach(v -> referenced.add(v.getSecretName()));
        }
        overlay.manifests().generic("Cluster").forEach(c ->
                c.at("/spec/managed/roles").forEach(r -> referenced.add(r.at("/passwordSecret/name").asText())));
        referenced.removeAll(operatorMadeSecrets(overlay.manifests()));

        assertThat(readmeSecrets()).as("README.md \"Secrets\" lists what the manifests reference")
                .containsExactlyInAnyOrderElementsOf(referenced);
    }

    private static Set<String> operatorMadeSecrets(Manifests manifests) {
        Set<String> made = new TreeSet<>();
        manifests.generic("KafkaUser").forEach(u -> made.add(u.at("/metadata/name").asText()));
        manifests.generic("Kafka").forEach(k -> made.add(k.at("/metadata/name").asText() + "-cluster-ca-cert"));
        manifests.generic("Cluster").forEach(c -> made.add(c.at("/metadata/name").asText() + "-ca"));
        return made;
    }

    private static Set<String> readmeSecrets() throws IOException {
        String readme = Files.readString(Overlay.kubernetesDir().resolve("README.md"));
        int start = readme.indexOf("\n## Secrets");
        assertThat(start).as("README.md has a \"## Secrets\" section").isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        // table rows name the Secret in backticks in their first cell
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> required(Map<String, List<String>> table, ServiceModule s) {
        return Stream.concat(table.get("*").stream(), table.getOrDefault(s.module(), List.of()).stream()).toList();
    }

    private static List<Origin> find(ContainerEnv env, String name) {
        if (name.endsWith("*")) {
            String prefix = name.substring(0, name.length() - 1);
            return env.variables().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue).toList();
        }
        return env.get(name).stream().toList();
    }

    private static Deployment deployment(Overlay overlay, ServiceModule s) {
        return Workloads.deployment(overlay.manifests(), s);
    }

    static ContainerEnv env(Overlay overlay, ServiceModule s) {
        return new ContainerEnv(overlay.manifests(), Workloads.app(deployment(overlay, s)));
    }
}
