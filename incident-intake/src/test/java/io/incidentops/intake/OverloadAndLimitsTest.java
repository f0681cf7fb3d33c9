package io.incidentops.intake;

import io.incidentops.intake.declaration.AlertWriter;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.applied;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.webhook;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Intake refuses rather than queueing without bound (503 / 429 with Retry-After, never a 2xx for what is not
 * committed), and bounds what one Alertmanager alert may carry.
 */
@QuarkusTest
class OverloadAndLimitsTest {

    private static final String AM = "/api/integrations/alertmanager";
    /** Configured (hashed) in the test profile as integration "limited". */
    private static final String LIMITED_KEY = "limitedlimitedlimitedlimited0001";

    @Inject
    AlertWriter writer;

    @AfterEach
    void resume() {
        writer.resume();
    }

    @Test
    void aFullWriterQueueIsRefusedWithRetryAfterAndLosesNothingItAccepted() {
        String service = unique("full");
        writer.pause();
        // the test profile allows 200 queued alerts: four webhooks of 50 fill it and wait for their commit
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            Map<String, Object> hook = webhook(service, n, 50);
            waiting.add(CompletableFuture.supplyAsync(() -> applied().body(hook).post(AM)));
        }
        await().until(() -> writer.queuedAlerts() == 200);
        applied().body(webhook(service, 10, 1)).post(AM).then().statusCode(503)
                .header("Retry-After", "2").contentType(containsString("application/problem+json"))
                .body("status", equalTo(503)).body("detail", containsString("capacity"));
        given().contentType("application/json").body(Map.of("routing_key", InfraTestResource.integrationKey(),
                        "event_action", "trigger", "payload", Map.of("summary", "x", "source", service, "severity", "error")))
                .post("/v2/enqueue").then().statusCode(429).header("Retry-After", "2");
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        writer.resume();
        for (CompletableFuture<Response> w : waiting) {
            w.join().then().statusCode(200).body("received", equalTo(50));
        }
        // all 200 accepted alerts (one group: service + team) are on one incident; the refused ones are not
        String id = waiting.get(0).join().path("results[0].incidentId");
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(200));
    }

    @Test
    void anIntegrationOverItsRateLimitIsRefusedOthersAreNot() {
        // test profile: integration "limited", 0.05 alerts/s (one per 20 s), burst 3
        String service = unique("noisy");
        for (int n = 0; n < 3; n++) {
            limited().body(webhook(service, n, 1)).post(AM).then().statusCode(200);
        }
        limited().body(webhook(service, 3, 1)).post(AM).then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9][0-9]?")).body("detail", containsString("rate limit"));
        given().contentType("application/json").body(Map.of("routing_key", LIMITED_KEY, "event_action", "trigger",
                        "payload", Map.of("summary", "x", "source", service, "severity", "error")))
                .post("/v2/enqueue").then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]?"));
        // another integration is not limited by it
        applied().body(webhook(service, 4, 1)).post(AM).then().statusCode(200);
        String id = applied().body(webhook(service, 4, 1)).post(AM).then().extract().path("results[0].incidentId");
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(4));
    }

    private static io.restassured.specification.RequestSpecification limited() {
        return given().contentType("application/json").header("Authorization", "Bearer " + LIMITED_KEY);
    }

    @Test
    void commonLabelsCopiedIntoEveryAlertAreBoundedAndNothingIsStored() {
        String service = unique("big");
        Map<String, String> common = new HashMap<>();
        for (int n = 0; n < 60; n++) common.put("common_" + n, "v");
        Map<String, Object> hook = new HashMap<>(webhook(service, 0, 1));
        hook.put("commonLabels", common);
        @SuppressWarnings("unchecked")
        Map<String, Object> alert = ((List<Map<String, Object>>) hook.get("alerts")).get(0);
        Map<String, String> own = new HashMap<>();
        for (int n = 0; n < 50; n++) own.put("own_" + n, "v");
        own.put("service", service);
        alert.put("labels", own);
        integration().body(hook).post(AM).then().statusCode(400)
                .body("errors.field", hasItem("alerts[0].labels"));

        Map<String, Object> huge = new HashMap<>(webhook(service, 1, 1));
        huge.put("commonLabels", Map.of("blob", "x".repeat(4097)));
        integration().body(huge).post(AM).then().statusCode(400)
                .body("errors.field", hasItem("alerts[0].labels.blob"));
        Map<String, Object> longName = new HashMap<>(webhook(service, 2, 1));
        longName.put("commonAnnotations", Map.of("n".repeat(256), "v"));
        integration().body(longName).post(AM).then().statusCode(400)
                .body("errors.field", hasItem("alerts[0].annotations"));
        Map<String, Object> blankName = new HashMap<>(webhook(service, 3, 1));
        blankName.put("commonLabels", Map.of(" ", "v"));
        integration().body(blankName).post(AM).then().statusCode(400)
                .body("errors.field", hasItem("alerts[0].labels"));

        as("viewer").queryParam("size", 100).get("/api/incidents").then()
                .body("items.findAll { it.service == '" + service + "' }.size()", equalTo(0));
    }
}
