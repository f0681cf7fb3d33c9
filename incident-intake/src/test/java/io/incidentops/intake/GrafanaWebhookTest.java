package io.incidentops.intake;

import io.incidentops.intake.incident.Incident;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * POST /api/integrations/grafana with Grafana Alerting's webhook payload. The fixture is grafana/alerting
 * {@code receivers/webhook/v1/webhook_test.go} ("Default config with one alert with custom message"), with a service
 * label, a severity, a summary and query values added and our own fingerprint and start.
 */
@QuarkusTest
class GrafanaWebhookTest {

    private static final String PATH = "/api/integrations/grafana";

    private static String payload(String service, String fp, Instant startsAt) {
        return resource("/grafana/firing.json", Map.of("SERVICE", service, "FP", fp, "STARTS_AT", startsAt.toString()));
    }

    private static String resolved(String firing) {
        return firing.replace("\"status\": \"firing\"", "\"status\": \"resolved\"")
                .replace("\"state\": \"alerting\"", "\"state\": \"ok\"")
                .replace("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"" + Instant.now() + "\"");
    }

    @Test
    void firingDeclaresWithGrafanasLinksAndResolvedIsRecorded() {
        String service = unique("grafana-checkout");
        String fp = unique("gfp");
        Instant startsAt = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String firing = payload(service, fp, startsAt);

        String id = given().contentType("application/json")
                .header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .header("Prefer", "return=representation").body(firing).post(PATH).then().statusCode(200)
                .body("groupKey", equalTo("alertname")).body("received", equalTo(1)).body("declared", equalTo(1))
                .extract().path("results[0].incidentId");
        as("viewer").get("/api/incidents/" + id).then().statusCode(200)
                .body("severity", equalTo("P1")).body("type", equalTo("PERFORMANCE_DEGRADATION"))
                .body("service", equalTo(service)).body("source", equalTo("grafana")).body("dedupKey", equalTo(fp))
                .body("title", equalTo("Checkout latency above 2 s"))
                .body("startedAt", equalTo(startsAt.toString()))
                .body("description", containsString("Source: http://localhost/test?orgId=1"))
                .body("description", containsString("Dashboard: http://localhost/d/abcd?orgId=1"))
                .body("description", containsString("Panel: http://localhost/d/abcd?orgId=1&viewPanel=efgh"))
                .body("description", containsString("Silence: http://localhost/alerting/silence/new?"))
                .body("description", containsString("Values: A=2.4, C=1.0"));

        // Grafana's Basic auth (any user, the key as password) works as well; the resolved notice is recorded
        given().contentType("application/json").auth().preemptive().basic("grafana", InfraTestResource.integrationKey())
                .header("Prefer", "return=representation").body(resolved(firing)).post(PATH).then().statusCode(200)
                .body("attached", equalTo(1));
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("MONITORING"))
                .body("alertCount", equalTo(1));
        as("viewer").get("/api/incidents/" + id + "/alerts").then().body("items[0].status", equalTo("resolved"));
    }

    @Test
    void withoutDurableAnswerPreferenceTheAlertIsQueued() {
        String service = unique("grafana-queued");
        given().contentType("application/json").header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .body(payload(service, unique("gfp"), Instant.now())).post(PATH).then().statusCode(200)
                .body("received", equalTo(1)).body("results[0].outcome", equalTo("queued"));
    }

    @Test
    void badCredentialsAndBodiesAreRefusedAndStoreNothing() {
        String service = unique("grafana-refused");
        String body = payload(service, unique("gfp"), Instant.now());
        String key = InfraTestResource.integrationKey();
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        given().contentType("application/json").auth().preemptive().basic("grafana", "not-" + key).body(body)
                .post(PATH).then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Basic not-base64!").body(body)
                .post(PATH).then().statusCode(401);
        given().contentType("application/json").header("Authorization", "GenieKey " + key).body(body)
                .post(PATH).then().statusCode(401);
        var keyed = given().contentType("application/json").header("Authorization", "Bearer " + key);
        keyed.body(body.replace("\"version\": \"1\"", "\"version\": \"4\"")).post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("version"));
        given().contentType("application/json").header("Authorization", "Bearer " + key)
                .body(body.replace("\"state\": \"alerting\"", "\"state\": \"burning\"")).post(PATH).then()
                .statusCode(400).body("errors.field", hasItem("state"));
        given().contentType("application/json").header("Authorization", "Bearer " + key)
                .body(body.replace("\"values\": {\"A\": 2.4, \"C\": 1}", "\"values\": {\"A\": \"high\"}"))
                .post(PATH).then().statusCode(400);
        given().contentType("application/json").header("Authorization", "Bearer " + key)
                .body(body.replace("\"ann1\": \"annv1\",\n        \"summary\"", "\"ann1\": \"" + "x".repeat(70_000)
                        + "\",\n        \"summary\"")).post(PATH).then().statusCode(400);
        given().contentType("application/json").header("Authorization", "Bearer " + key).body("{\"version\":")
                .post(PATH).then().statusCode(400);
        assertThat(body).contains("\"version\": \"1\"", "\"state\": \"alerting\"", "\"values\": {\"A\": 2.4, \"C\": 1}",
                "\"ann1\": \"annv1\",\n        \"summary\""); // the replacements above did change something
        assertThat(QuarkusTransaction.requiringNew().call(() -> Incident.count("service", service))).isZero();
    }
}
