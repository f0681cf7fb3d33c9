package io.incidentops.intake.integrations;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.webhook;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Scoped integration keys: made through the admin API, each limited to its routes, its severity, its namespace. */
@QuarkusTest
class IntegrationKeysTest {

    /** Creates an integration through the admin API; returns its key (shown in that answer only). */
    private static String create(Map<String, Object> body) {
        return as("admin").contentType("application/json").body(body).post("/api/admin/integrations").then()
                .statusCode(201).body("key", matchesPattern("[0-9a-f]{32}")).body("origin", equalTo("api"))
                .extract().path("key");
    }

    private static RequestSpecification bearer(String key) {
        return given().contentType("application/json").header("Authorization", "Bearer " + key);
    }

    private static Map<String, Object> pagerDuty(String routingKey, String action, String dedupKey, String component) {
        return Map.of("routing_key", routingKey, "event_action", action, "dedup_key", dedupKey,
                "payload", Map.of("summary", "Checkout latency above SLO", "source", "lb-1", "severity", "critical",
                        "component", component));
    }

    @Test
    void aKeyIsShownOnceAndUsableOnlyOnItsSourcesRoutes() {
        String name = unique("am").toLowerCase();
        String key = create(Map.of("name", name, "sourceType", "alertmanager"));
        as("admin").get("/api/admin/integrations/" + name).then().statusCode(200)
                .body("$", not(hasKey("key"))).body("routes", contains("alertmanager"))
                .body("sourceType", equalTo("alertmanager"));
        as("admin").get("/api/admin/integrations").then().body("name", hasItem(name))
                .body("find { it.name == 'local' }.origin", equalTo("configuration"))
                .body("key", not(hasItem(notNullValue())));

        bearer(key).body(webhook(unique("svc"), 1, 1)).post("/api/integrations/alertmanager").then().statusCode(200);
        bearer(key).body(Map.of("service", "checkout", "summary", "down")).post("/api/alerts").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("'alerts' route"));
        given().contentType("application/json").body(pagerDuty(key, "trigger", unique("k"), unique("c")))
                .post("/v2/enqueue").then().statusCode(400).body("status", equalTo("invalid event"))
                .body("errors", hasItem(containsString("'routing_key' may not send events")));
    }

    @Test
    void severityAboveTheCapIsLoweredAndRecordedNeverRefused() {
        String key = create(Map.of("name", unique("capped").toLowerCase(), "sourceType", "generic", "maxSeverity", "P2"));
        String service = unique("checkout");
        String incident = bearer(key).body(Map.of("service", service, "summary", "Complete outage: checkout down for all customers",
                        "severity", "P0", "fingerprint", "outage-1"))
                .post("/api/alerts").then().statusCode(202).extract().path("incidentId");
        as("viewer").get("/api/incidents/" + incident).then().body("severity", equalTo("P2"));
        as("viewer").get("/api/incidents/" + incident + "/alerts").then()
                .body("items[0].labels.severity_capped_from", equalTo("P0"));
    }

    @Test
    void dedupKeysAreNamespacedAndAKeyAcknowledgesOnlyItsOwnAlerts() {
        String first = create(Map.of("name", unique("pd-a").toLowerCase(), "sourceType", "pagerduty"));
        String second = create(Map.of("name", unique("pd-b").toLowerCase(), "sourceType", "pagerduty"));
        String dedupKey = unique("shared-key");
        String component = unique("payments");
        given().contentType("application/json").body(pagerDuty(first, "trigger", dedupKey, component)).post("/v2/enqueue")
                .then().statusCode(202).body("dedup_key", equalTo(dedupKey)); // the sender's own key, as PagerDuty does
        String incident = as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents").then()
                .extract().path("items.find { it.service == '" + component + "' }.id");

        // another integration guessing the key acknowledges nothing
        given().contentType("application/json").body(Map.of("routing_key", second, "event_action", "acknowledge",
                "dedup_key", dedupKey)).post("/v2/enqueue").then().statusCode(202);
        as("viewer").get("/api/incidents/" + incident).then().body("acknowledgedBy", nullValue());
        given().contentType("application/json").body(Map.of("routing_key", first, "event_action", "acknowledge",
                "dedup_key", dedupKey)).post("/v2/enqueue").then().statusCode(202);
        as("viewer").get("/api/incidents/" + incident).then().body("acknowledgedBy", containsString("pagerduty:"));
    }

    @Test
    void integrationKeysCannotChooseIncidentIds() {
        String key = create(Map.of("name", unique("gen").toLowerCase(), "sourceType", "generic"));
        bearer(key).body(Map.of("service", unique("svc"), "summary", "x", "incidentId", "INC-20261201-901"))
                .post("/api/alerts").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("incidentId"));
    }

    @Test
    void rotationKeepsTheOldKeyForItsGraceOnlyAndRevocationEndsIt() {
        String name = unique("rot").toLowerCase();
        String old = create(Map.of("name", name, "sourceType", "generic"));
        String rotated = as("admin").contentType("application/json").body(Map.of("graceSeconds", 3600))
                .post("/api/admin/integrations/" + name + "/rotate").then().statusCode(200)
                .body("previousKeyValidUntil", notNullValue()).extract().path("key");
        bearer(old).body(Map.of("service", unique("svc"), "summary", "old key in grace")).post("/api/alerts").then().statusCode(202);
        bearer(rotated).body(Map.of("service", unique("svc"), "summary", "new key")).post("/api/alerts").then().statusCode(202);

        String again = as("admin").contentType("application/json").body(Map.of("graceSeconds", 0))
                .post("/api/admin/integrations/" + name + "/rotate").then().statusCode(200).extract().path("key");
        bearer(rotated).body(Map.of("service", unique("svc"), "summary", "x")).post("/api/alerts").then().statusCode(401);
        bearer(again).body(Map.of("service", unique("svc"), "summary", "x")).post("/api/alerts").then().statusCode(202);

        as("admin").delete("/api/admin/integrations/" + name).then().statusCode(200).body("revokedAt", notNullValue());
        bearer(again).body(Map.of("service", unique("svc"), "summary", "x")).post("/api/alerts").then().statusCode(401);
        as("admin").contentType("application/json").body(Map.of("graceSeconds", 0))
                .post("/api/admin/integrations/" + name + "/rotate").then().statusCode(409);
    }

    @Test
    void aRateLimitSetThroughTheApiThrottlesThatKeyOnly() {
        String name = unique("noisy").toLowerCase();
        String key = create(Map.of("name", name, "sourceType", "generic"));
        as("admin").contentType("application/json").body(Map.of("rateLimit", Map.of("perSecond", 0.01, "burst", 1)))
                .patch("/api/admin/integrations/" + name).then().statusCode(200).body("rateLimit.burst", equalTo(1));
        bearer(key).body(Map.of("service", unique("svc"), "summary", "first")).post("/api/alerts").then().statusCode(202);
        bearer(key).body(Map.of("service", unique("svc"), "summary", "second")).post("/api/alerts").then().statusCode(503)
                .header("Retry-After", notNullValue());
        given().contentType("application/json").header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .body(Map.of("service", unique("svc"), "summary", "other integration")).post("/api/alerts").then().statusCode(202);
    }

    @Test
    void badRequestsAreRefusedAndNothingIsMade() {
        as("admin").contentType("application/json").body(Map.of("name", "Bad Name", "sourceType", "generic"))
                .post("/api/admin/integrations").then().statusCode(400);
        as("admin").contentType("application/json").body(Map.of("name", unique("x").toLowerCase(), "sourceType", "nagios"))
                .post("/api/admin/integrations").then().statusCode(400).body("errors.field", hasItem("sourceType"));
        as("admin").contentType("application/json").body(Map.of("name", unique("x").toLowerCase(), "sourceType", "generic",
                "routes", List.of("everything"))).post("/api/admin/integrations").then().statusCode(400);
        as("admin").contentType("application/json").body(Map.of("name", "local", "sourceType", "generic"))
                .post("/api/admin/integrations").then().statusCode(409);
        as("admin").contentType("application/json").body(Map.of("name", "kafka", "sourceType", "generic"))
                .post("/api/admin/integrations").then().statusCode(409);
        as("admin").get("/api/admin/integrations").then().body("findAll { it.name == 'Bad Name' }", hasSize(0));
        as("responder").get("/api/admin/integrations").then().statusCode(403);
    }
}
