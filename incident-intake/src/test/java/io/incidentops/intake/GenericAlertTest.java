package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** POST /api/alerts: declaration, dedup, IDs, and every kind of bad input. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class GenericAlertTest {

    private static final String ID_PATTERN = "INC-\\d{8}-\\d{3,}";

    @Test
    void declaresAnIncidentWithScoredSeverityAndType() {
        String service = unique("checkout");
        Map<String, Object> body = new HashMap<>(alert(service, "Checkout latency p95 above 2s", "warning"));
        Instant startsAt = Instant.now().minus(7, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        body.put("startsAt", startsAt.toString());
        body.put("customerImpact", "Some customers see slow checkout");

        String id = integration().body(body).post("/api/alerts").then().statusCode(202)
                .body("outcome", equalTo("declared"))
                .body("incidentId", matchesPattern(ID_PATTERN))
                .body("dedupKey", notNullValue())
                .extract().path("incidentId");

        String today = DateTimeFormatter.BASIC_ISO_DATE.format(Instant.now().atZone(ZoneOffset.UTC).toLocalDate());
        assertThat(id).startsWith("INC-" + today + "-");
        as("viewer").get("/api/incidents/" + id).then().statusCode(200)
                .body("status", equalTo("DECLARED"))
                .body("severity", equalTo("P2"))
                .body("type", equalTo("PERFORMANCE_DEGRADATION"))
                .body("service", equalTo(service))
                .body("startedAt", equalTo(startsAt.toString()))
                .body("detectedAt", notNullValue())
                .body("alertCount", equalTo(1))
                .body("warRoom.channel", equalTo("#incident-" + id.toLowerCase()))
                .body("warRoom.videoUrl", equalTo(null))
                .body("responders.role", hasItem("primary"));
    }

    @Test
    void sameFingerprintTwiceIsOneIncidentWithTwoAlerts() {
        String service = unique("search");
        Map<String, Object> body = new HashMap<>(alert(service, "Search is down", "critical"));
        body.put("fingerprint", unique("fp"));

        String first = integration().body(body).post("/api/alerts").then().statusCode(202)
                .body("outcome", equalTo("declared")).extract().path("incidentId");
        body.put("summary", "Search is still down"); // the fingerprint, not the text, decides
        integration().body(body).post("/api/alerts").then().statusCode(202)
                .body("outcome", equalTo("attached")).body("incidentId", equalTo(first));

        as("viewer").get("/api/incidents/" + first).then().body("alertCount", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("viewer").get("/api/incidents/" + first + "/alerts")
                .then().body("items[0].deliveries", equalTo(2)));
        as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents").then().statusCode(200)
                .body("items.findAll { it.service == '" + service + "' }.size()", equalTo(1));
    }

    @Test
    void withoutFingerprintServiceAndSummaryAreTheDedupKey() {
        String service = unique("cart");
        String a = integration().body(alert(service, "Cart unavailable", null)).post("/api/alerts")
                .then().statusCode(202).extract().path("dedupKey");
        String b = integration().body(alert(service.toUpperCase(), "  cart   UNAVAILABLE ", null)).post("/api/alerts")
                .then().statusCode(202).body("outcome", equalTo("attached")).extract().path("dedupKey");
        assertThat(a).isEqualTo(b);
    }

    @Test
    void dailySequenceIncreasesAndCallerIdsAreKept() {
        String first = integration().body(alert(unique("a"), "Thing one broke", "P3")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        String second = integration().body(alert(unique("b"), "Thing two broke", "P3")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        assertThat(first.substring(0, 13)).isEqualTo(second.substring(0, 13));
        assertThat(Integer.parseInt(second.substring(13))).isGreaterThan(Integer.parseInt(first.substring(13)));

        String own = "INC-20240229-" + (100000 + (int) (Math.random() * 800000));
        Map<String, Object> body = new HashMap<>(alert(unique("c"), "Caller numbered", "P4"));
        body.put("incidentId", own);
        // a responder may number an incident; an integration key may not (IntegrationKeysTest)
        as("responder").body(body).post("/api/incidents").then().statusCode(201)
                .body("incidentId", equalTo(own)).body("outcome", equalTo("declared"));
        body.put("service", unique("d")); // a different alert claiming the same ID
        as("responder").body(body).post("/api/incidents").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void criticalWithCompleteOutageIsP0() {
        Map<String, Object> body = new HashMap<>(alert(unique("edge"), "Complete outage of the edge proxy", "critical"));
        String id = integration().body(body).post("/api/alerts").then().statusCode(202).extract().path("incidentId");
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P0"))
                .body("emergencyMode", equalTo(true))
                .body("type", equalTo("SERVICE_OUTAGE"))
                .body("commander.role", equalTo("incident-commander"))
                .body("responders.size()", equalTo(3));
    }

    @Test
    void badInputIsA400NamingTheField() {
        integration().body("{\"service\": \"x\", \"summary\": ").post("/api/alerts").then().statusCode(400)
                .contentType("application/problem+json");
        integration().body(Map.of("summary", "no service")).post("/api/alerts").then().statusCode(400)
                .body("errors.field", hasItem("service"));
        integration().body(alert("svc", "bad severity", "catastrophic")).post("/api/alerts").then().statusCode(400)
                .body("errors.field", hasItem("severity"));
        Map<String, Object> wrongTime = new HashMap<>(alert("svc", "bad time", null));
        wrongTime.put("startsAt", "yesterday at noon");
        integration().body(wrongTime).post("/api/alerts").then().statusCode(400).body("errors.field", hasItem("startsAt"));
        wrongTime.put("startsAt", Map.of("when", "now"));
        integration().body(wrongTime).post("/api/alerts").then().statusCode(400).body("errors.field", hasItem("startsAt"));
        wrongTime.put("startsAt", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        integration().body(wrongTime).post("/api/alerts").then().statusCode(400).body("errors.field", hasItem("startsAt"));
        Map<String, Object> badId = new HashMap<>(alert("svc", "bad id", null));
        badId.put("incidentId", "INC-2024-1");
        integration().body(badId).post("/api/alerts").then().statusCode(400).body("errors.field", hasItem("incidentId"));
        badId.put("incidentId", "INC-20241399-001");
        integration().body(badId).post("/api/alerts").then().statusCode(400).body("errors.field", hasItem("incidentId"));
        integration().body(alert("svc", "x".repeat(1025), null)).post("/api/alerts").then().statusCode(400)
                .body("errors.field", hasItem("summary"));
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"service\":\"big\",\"summary\":\"big\",\"description\":\"" + "x".repeat(600 * 1024) + "\"}";
        integration().body(big).post("/api/alerts").then().statusCode(413);
    }

    @Test
    void integrationKeyIsRequired() {
        given().contentType("application/json").body(alert("svc", "no key", null)).post("/api/alerts")
                .then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer not-a-key")
                .body(alert("svc", "wrong key", null)).post("/api/alerts").then().statusCode(401);
        // a user's JWT is not an integration key
        as("admin").body(alert("svc", "jwt", null)).post("/api/alerts").then().statusCode(401);
    }
}
