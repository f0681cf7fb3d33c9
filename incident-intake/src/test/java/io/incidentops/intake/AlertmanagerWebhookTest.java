package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.applied;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;

/** POST /api/integrations/alertmanager with a real-looking version 4 payload. */
@QuarkusTest
class AlertmanagerWebhookTest {

    private static final String PATH = "/api/integrations/alertmanager";

    private static String payload(String service, String fp, Instant startsAt) {
        return resource("/alertmanager/checkout-outage.json",
                Map.of("SERVICE", service, "FP", fp, "STARTS_AT", startsAt.toString()));
    }

    @Test
    void firingAlertsDeclareWithTheDocumentedSeverityAndType() {
        String service = unique("checkout");
        String fp = unique("fp");
        Instant startsAt = Instant.now().minus(6, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        List<String> ids = applied().body(payload(service, fp, startsAt)).post(PATH).then().statusCode(200)
                .body("received", equalTo(2)).body("declared", equalTo(2)).body("attached", equalTo(0))
                .extract().path("results.incidentId");

        // critical + "error rate" → P1 PERFORMANCE_DEGRADATION, team payments from the label
        as("viewer").get("/api/incidents/" + ids.get(0)).then().statusCode(200)
                .body("severity", equalTo("P1")).body("type", equalTo("PERFORMANCE_DEGRADATION"))
                .body("service", equalTo(service)).body("team", equalTo("payments"))
                .body("source", equalTo("alertmanager")).body("dedupKey", equalTo("local/" + fp))
                .body("title", equalTo("Checkout error rate above 25% for 5 minutes"))
                .body("startedAt", equalTo(startsAt.toString()))
                .body("commander.name", equalTo("Sofia Reyes"))
                .body("responders.name", hasItem("Aiko Tanaka"));
        // warning + "disk" → P2 INFRASTRUCTURE_FAILURE
        as("viewer").get("/api/incidents/" + ids.get(1)).then()
                .body("severity", equalTo("P2")).body("type", equalTo("INFRASTRUCTURE_FAILURE"));

        // Alertmanager repeats the group: attaches, nothing new is declared; one alert, delivered twice
        applied().body(payload(service, fp, startsAt)).post(PATH).then().statusCode(200)
                .body("declared", equalTo(0)).body("attached", equalTo(2));
        as("viewer").get("/api/incidents/" + ids.get(0)).then().body("alertCount", equalTo(1));
        // the repeat was counted in memory and is written within the flush interval
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as("viewer").get("/api/incidents/" + ids.get(0) + "/alerts").then().statusCode(200)
                        .body("items", hasSize(1)).body("items[0].dedupKey", equalTo("local/" + fp))
                        .body("items[0].deliveries", equalTo(2)).body("items[0].status", equalTo("firing")));
    }

    @Test
    void resolvedAlertsAreRecordedWithoutResolvingTheIncident() {
        String service = unique("billing");
        String fp = unique("fp");
        String firing = payload(service, fp, Instant.now().minusSeconds(60));
        String id = applied().body(firing).post(PATH).then().statusCode(200).extract().path("results[0].incidentId");

        String resolved = firing.replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                .replace("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"" + Instant.now() + "\"");
        applied().body(resolved).post(PATH).then().statusCode(200).body("attached", equalTo(2));
        // its only alert resolved: the incident waits for a verified recovery, it is not resolved
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("MONITORING")).body("alertCount", equalTo(1));
        as("viewer").get("/api/incidents/" + id + "/alerts").then()
                .body("items[0].status", equalTo("resolved")).body("items[0].deliveries", equalTo(2));

        // a resolved notice for something never declared is ignored
        applied().body(resolved.replace(fp, unique("fp-unknown"))).post(PATH).then().statusCode(200)
                .body("ignored", equalTo(2));
    }

    @Test
    void unsupportedVersionAndBadAlertsAre400() {
        String body = payload(unique("svc"), unique("fp"), Instant.now());
        integration().body(body.replace("\"version\": \"4\"", "\"version\": \"3\"")).post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("version"));
        integration().body(body.replace("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"burning\",\n      \"labels\""))
                .post(PATH).then().statusCode(400).body("errors.field", hasItem("alerts[0].status"));
        integration().body("{\"version\":\"4\"}").post(PATH).then().statusCode(400).body("errors.field", hasItem("alerts"));
        integration().body("[1,2").post(PATH).then().statusCode(400);
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
        assertThat(body).contains("\"version\": \"4\""); // the replacements above did change something
    }
}
