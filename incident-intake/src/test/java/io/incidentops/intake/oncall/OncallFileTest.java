package io.incidentops.intake.oncall;

import io.incidentops.intake.oncall.declarative.OncallFileLoader;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.platform.problem.InvalidInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** The declarative on-call file: applied as the REST API would, by id, all or nothing, again only when it changed. */
@QuarkusTest
class OncallFileTest {

    @Inject
    OncallFileLoader loader;

    private final String ann = unique("ann").replaceAll("[^A-Za-z0-9_.-]", "");
    private final String bob = unique("bob").replaceAll("[^A-Za-z0-9_.-]", "");
    private final String schedule = unique("primary").replaceAll("[^A-Za-z0-9_.-]", "");
    private final String policy = unique("policy").replaceAll("[^A-Za-z0-9_.-]", "");
    private final String service = unique("checkout").replaceAll("[^A-Za-z0-9_.-]", "").toLowerCase();

    private String file(String annName, String bobEmail) {
        return """
                users:
                  - id: %1$s
                    name: %6$s
                    email: %1$s@example.com
                    notification_rules: [{urgency: high, contact_method_id: email, start_delay: PT0S}]
                  - id: %2$s
                    name: Bob Example
                    email: %7$s
                schedules:
                  - id: %3$s
                    name: Primary
                    time_zone: Europe/Berlin
                    schedule_layers:
                      - {start: "%8$s", handoff_time: "09:00", rotation_interval: P7D, users: [%1$s]}
                escalation_policies:
                  - id: %4$s
                    name: Checkout
                    num_loops: 1
                    escalation_rules:
                      - {escalation_delay: PT5M, targets: [{type: schedule, id: %3$s}]}
                      - {escalation_delay: PT5M, targets: [{type: user, id: %2$s}]}
                services:
                  - {name: %5$s, escalation_policy_id: %4$s}
                """.formatted(ann, bob, schedule, policy, service, annName, bobEmail,
                LocalDate.now(ZoneOffset.UTC).minusDays(1));
    }

    private static Path write(String content) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "oncall-file"));
        Path path = dir.resolve(unique("oncall").replaceAll("[^A-Za-z0-9_.-]", "") + ".yaml");
        Files.writeString(path, content);
        return path;
    }

    @Test
    void theFileIsAppliedByIdAsTheApiWouldAndAgainOnlyWhenItChanges() throws IOException {
        Path path = write(file("Ann Example", bob + "@example.com"));

        assertThat(loader.applyIfChanged(path)).isEqualTo(OncallFileLoader.Result.APPLIED);
        as("viewer").get("/api/users/" + ann).then().statusCode(200).body("user.name", equalTo("Ann Example"));
        as("viewer").queryParam("schedule", schedule).get("/api/oncalls").then().statusCode(200)
                .body("oncalls[0].user.id", equalTo(ann));
        as("viewer").get("/api/escalation-policies/" + policy).then().statusCode(200)
                .body("escalation_policy.escalation_rules.size()", equalTo(2));
        as("viewer").get("/api/services/" + service).then().statusCode(200)
                .body("service.escalation_policy_id", equalTo(policy));

        assertThat(loader.applyIfChanged(path)).as("read again, unchanged").isEqualTo(OncallFileLoader.Result.UNCHANGED);

        Files.writeString(path, file("Ann Renamed", bob + "@example.com"));
        assertThat(loader.applyIfChanged(path)).isEqualTo(OncallFileLoader.Result.APPLIED);
        as("viewer").get("/api/users/" + ann).then().body("user.name", equalTo("Ann Renamed"));
    }

    @Test
    void aFileWithOneBadEntryChangesNothingAndSaysWhichEntry() throws IOException {
        Path good = write(file("Ann Example", bob + "@example.com"));
        loader.applyIfChanged(good);

        // Ann renamed (valid) before Bob's broken address: the rename must not be applied either
        Path bad = write(file("Ann Renamed", "not-an-address"));
        assertThatThrownBy(() -> loader.applyIfChanged(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("users[1] (" + bob + ")").hasMessageContaining("email");
        as("viewer").get("/api/users/" + ann).then().body("user.name", equalTo("Ann Example"));
        as("viewer").get("/api/users/" + bob).then().body("user.email", equalTo(bob + "@example.com"));
    }

    @Test
    void aTypoOrAMissingIdIsRefusedNotIgnored() throws IOException {
        Path typo = write(file("Ann Example", bob + "@example.com").replace("time_zone:", "timezone:"));
        assertThatThrownBy(() -> loader.applyIfChanged(typo)).isInstanceOf(IOException.class)
                .hasMessageContaining("timezone");

        String nobody = unique("nobody").replaceAll("[^A-Za-z0-9_.-]", "") + "@example.com";
        Path noId = write("users:\n  - name: Nobody\n    email: " + nobody + "\n");
        assertThatThrownBy(() -> loader.applyIfChanged(noId)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("users[0].id");
        assertThat(QuarkusTransaction.requiringNew().call(() -> OncallUser.count("email", nobody)))
                .as("each reload would create another one").isZero();

        assertThat(loader.applyIfChanged(Path.of("target", "oncall-file", "absent.yaml")))
                .isEqualTo(OncallFileLoader.Result.MISSING);
        Path empty = write("");
        assertThatThrownBy(() -> loader.applyIfChanged(empty)).as("an empty file is a mistake, not a declaration")
                .isInstanceOf(IOException.class).hasMessageContaining("not valid");
    }
}
