package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** POST /v2/enqueue speaks PagerDuty Events API v2: its bodies, its status codes. */
@QuarkusTest
class PagerDutyEventsTest {

    private static Map<String, Object> trigger(String dedupKey, String component, String severity) {
        return Map.of("routing_key", InfraTestResource.integrationKey(), "event_action", "trigger",
                "dedup_key", dedupKey,
                "payload", Map.of("summary", "Stripe webhook deliveries failing", "source", "pay-gw-01.prod",
                        "severity", severity, "component", component, "group", "payments"));
    }

    @Test
    void triggerAcknowledgeResolve() {
        String key = unique("pd");
        String component = unique("pay-gw");
        given().contentType("application/json").body(trigger(key, component, "error")).post("/v2/enqueue")
                .then().statusCode(202).body("status", equalTo("success"))
                .body("message", equalTo("Event processed")).body("dedup_key", equalTo(key));
        given().contentType("application/json").body(trigger(key, component, "error")).post("/v2/enqueue")
                .then().statusCode(202);
        String id = as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents").then()
                .body("items.findAll { it.service == '" + component + "' }", hasSize(1))
                .extract().path("items.find { it.service == '" + component + "' }.id");
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P1"))
                .body("type", equalTo("THIRD_PARTY_FAILURE")).body("alertCount", equalTo(1));

        given().contentType("application/json").body(Map.of("routing_key", InfraTestResource.integrationKey(),
                "event_action", "acknowledge", "dedup_key", key)).post("/v2/enqueue").then().statusCode(202);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("acknowledgedBy", equalTo("pagerduty:local"));
        given().contentType("application/json").body(Map.of("routing_key", InfraTestResource.integrationKey(),
                "event_action", "resolve", "dedup_key", key)).post("/v2/enqueue").then().statusCode(202);
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(1)).body("status", equalTo("MONITORING"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("viewer").get("/api/incidents/" + id + "/alerts")
                .then().body("items[0].deliveries", equalTo(3)).body("items[0].status", equalTo("resolved")));
    }

    @Test
    void invalidEventsGetPagerDutysErrorBody() {
        given().contentType("application/json").body(Map.of("routing_key", "wrong", "event_action", "trigger",
                        "payload", Map.of("summary", "x", "source", "y", "severity", "fatal")))
                .post("/v2/enqueue").then().statusCode(400)
                .body("status", equalTo("invalid event")).body("message", equalTo("Event object is invalid"))
                .body("errors", hasItem("'routing_key' is invalid"))
                .body("errors", hasItem("'payload.severity' must be one of critical, error, warning, info"));
        given().contentType("application/json").body("{nope").post("/v2/enqueue").then().statusCode(400)
                .body("status", equalTo("invalid event"));
        given().contentType("application/json").body(Map.of("routing_key", InfraTestResource.integrationKey(),
                "event_action", "resolve")).post("/v2/enqueue").then().statusCode(400)
                .body("errors", hasItem("'dedup_key' is required for resolve events"));
    }
}
