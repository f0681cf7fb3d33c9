package io.incidentops.platform;

import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxRelay;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox health check ({@code /q/health/group/pipeline}): DOWN when the oldest unsent row is older than
 * {@code incidentops.outbox.max-age} (the relay paused as if it had died), UP again once the relay drained it; never
 * part of readiness, which must stay UP so the service keeps buffering requests while its broker is away.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OutboxHealthTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager entityManager;

    @AfterEach
    void resumeRelay() {
        relay.resume();
    }

    @Test
    void aRowOlderThanTheMaxAgeTurnsTheCheckDownUntilTheRelayDrainsIt() {
        relay.pause();
        UUID id = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "erin", Instant.now())));

        JsonPath young = pipeline(200);
        assertThat(young.getString("status")).as("a row younger than the max age is a normal wait").isEqualTo("UP");
        assertThat(young.getInt("checks.find { it.name == 'outbox' }.data.waiting")).isGreaterThanOrEqualTo(1);

        // the same row, as it would be after the relay had been stuck for ten minutes
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE outbox_event SET created_at = created_at - interval '10 minutes' WHERE id = :id")
                .setParameter("id", id).executeUpdate());

        JsonPath stuck = pipeline(503);
        assertThat(stuck.getString("status")).isEqualTo("DOWN");
        assertThat(stuck.getString("checks.find { it.name == 'outbox' }.status")).isEqualTo("DOWN");
        assertThat(stuck.getLong("checks.find { it.name == 'outbox' }.data.'oldest-age-seconds'"))
                .isGreaterThanOrEqualTo(600);
        assertThat(stuck.getLong("checks.find { it.name == 'outbox' }.data.'max-age-seconds'")).isEqualTo(120);
        given().get("/q/health/ready").then().statusCode(200);
        String gauge = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge).containsPattern("(?m)^incidentops_outbox_oldest_age_seconds(\\{[^}]*})? [0-9.E]+$");
        double age = Double.parseDouble(gauge.lines().filter(l -> l.startsWith("incidentops_outbox_oldest_age_seconds"))
                .findFirst().orElseThrow().replaceAll(".* ", ""));
        assertThat(age).isGreaterThanOrEqualTo(600);

        relay.resume();
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(pipeline(null).getString("status")));
    }

    /** The pipeline health group, checked for {@code status} unless null. */
    private static JsonPath pipeline(Integer status) {
        var response = given().get("/q/health/group/pipeline").then();
        if (status != null) response.statusCode(status);
        return response.extract().jsonPath();
    }
}
