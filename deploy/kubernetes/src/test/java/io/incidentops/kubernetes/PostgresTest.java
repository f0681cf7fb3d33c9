package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PostgreSQL through CloudNativePG: three instances in prod, one database, one schema per service owned by that
 * service's role, and each service logging in as that role with the Secret that sets the role's password.
 */
class PostgresTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void clusterSize(Overlay overlay) {
        JsonNode cluster = cluster(overlay);
        assertThat(cluster.at("/spec/instances").asInt()).as("PostgreSQL instances")
                .isEqualTo(overlay.highlyAvailable() ? 3 : 1);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServiceOwnsItsSchemaAndLogsInAsItsRole(Overlay overlay) {
        JsonNode cluster = cluster(overlay);
        JsonNode database = database(overlay, cluster.at("/metadata/name").asText());
        Set<String> roles = new TreeSet<>();
        for (ServiceModule s : ServiceModule.all()) {
            JsonNode schema = element(database.at("/spec/schemas"), s.schema())
                    .orElseThrow(() -> new AssertionError("no schema " + s.schema() + " (" + s.module() + ") in the Database"));
            String role = schema.at("/owner").asText();
            assertThat(roles.add(role)).as(s.module() + ": a role of its own (schema " + s.schema() + ")").isTrue();
            JsonNode managed = element(cluster.at("/spec/managed/roles"), role)
                    .orElseThrow(() -> new AssertionError("role " + role + " is not managed by the Cluster"));
            assertThat(managed.at("/login").asBoolean()).as(role + " may log in").isTrue();
            assertThat(managed.at("/superuser").asBoolean(false)).as(role + " is no superuser").isFalse();
            String secret = managed.at("/passwordSecret/name").asText();

            ContainerEnv env = ConfigurationTest.env(overlay, s);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as(s.module() + " username")
                    .hasValueSatisfying(o -> assertThat(List.of(o.name(), o.key())).containsExactly(secret, "username"));
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).as(s.module() + " password")
                    .hasValueSatisfying(o -> assertThat(List.of(o.name(), o.key())).containsExactly(secret, "password"));
            assertThat(env.value("QUARKUS_DATASOURCE_JDBC_URL")).as(s.module() + " JDBC URL")
                    .startsWith("jdbc:postgresql://" + cluster.at("/metadata/name").asText() + "-rw:5432/"
                            + database.at("/spec/name").asText())
                    .contains("sslmode=verify-full");
        }
    }

    private static JsonNode cluster(Overlay overlay) {
        List<JsonNode> clusters = overlay.manifests().generic("Cluster");
        assertThat(clusters).as("one CloudNativePG Cluster").hasSize(1);
        return clusters.get(0);
    }

    private static JsonNode database(Overlay overlay, String cluster) {
        List<JsonNode> databases = overlay.manifests().generic("Database").stream()
                .filter(d -> cluster.equals(d.at("/spec/cluster/name").asText())).toList();
        assertThat(databases).as("one Database in " + cluster).hasSize(1);
        return databases.get(0);
    }

    private static Optional<JsonNode> element(JsonNode list, String name) {
        for (JsonNode e : list) {
            if (name.equals(e.at("/name").asText())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
