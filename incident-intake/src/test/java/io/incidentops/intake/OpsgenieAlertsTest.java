package io.incidentops.intake;

import io.incidentops.intake.incident.Incident;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * POST /v2/alerts, /v2/alerts/{identifier}/close and /acknowledge speak Opsgenie's Alert API: its bodies, its status
 * codes. The create fixture is what Alertmanager's {@code notify/opsgenie/opsgenie.go} sends
 * ({@code opsGenieCreateMessage}: alias, message, description, details from the common labels, source, responders,
 * visibleTo, tags, note, priority, entity, actions); close sends {@code opsGenieCloseMessage} {@code {source}} to
 * {@code /v2/alerts/<alias>/close?identifierType=alias}.
 */
@QuarkusTest
class OpsgenieAlertsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static RequestSpecification genie() {
        return given().contentType("application/json").header("Authorization", "GenieKey " + InfraTestResource.integrationKey());
    }

    private static String create(String alias, String service, String priority) {
        return resource("/opsgenie/create.json", Map.of("ALIAS", alias, "SERVICE", service, "PRIORITY", priority));
    }

    private static String incidentOf(String service) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>find("service", service)
                .firstResultOptional().map(i -> i.id).orElse(null));
    }

    @Test
    void createAcknowledgeCloseAsAlertmanagerSendsThem() {
        String alias = unique("og-alias");
        String service = unique("og-checkout");
        genie().body(create(alias, service, "P1")).post("/v2/alerts").then().statusCode(202)
                .header("X-Request-ID", matchesPattern(UUID))
                .body("result", equalTo("Request will be processed")).body("requestId", matchesPattern(UUID))
                .body("took", greaterThanOrEqualTo(0f));
        // the alias is the dedup key: the same alert again attaches
        genie().body(create(alias, service, "P1")).post("/v2/alerts").then().statusCode(202);
        String id = incidentOf(service);
        assertThat(id).isNotNull();
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P1"))
                .body("source", equalTo("opsgenie")).body("dedupKey", equalTo(alias)).body("team", equalTo("payments"))
                .body("title", equalTo("CheckoutHighErrorRate")).body("alertCount", equalTo(1))
                .body("labels.entity", equalTo("checkout-7d9f8b6c5-x2kqp")).body("labels.tags", equalTo("prod,checkout"));

        genie().body("{\"user\":\"Monitoring Script\",\"source\":\"AWS Lambda\",\"note\":\"Action executed via Alert API\"}")
                .post("/v2/alerts/" + alias + "/acknowledge?identifierType=alias").then().statusCode(202)
                .body("result", equalTo("Request will be processed"));
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("acknowledgedBy", equalTo("opsgenie:local (Monitoring Script)"));

        genie().body("{\"source\":\"http://alertmanager.shop-prod:9093\"}")
                .post("/v2/alerts/" + alias + "/close?identifierType=alias").then().statusCode(202);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("MONITORING")).body("alertCount", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("viewer").get("/api/incidents/" + id + "/alerts")
                .then().body("items[0].deliveries", equalTo(3)).body("items[0].status", equalTo("resolved")));

        // an alert nobody raised: Opsgenie answers 202 and finds nothing later; so do we, storing nothing
        genie().body("{}").post("/v2/alerts/" + unique("og-unknown") + "/close").then().statusCode(202);
        genie().body("{}").post("/v2/alerts/" + unique("og-unknown") + "/acknowledge?identifierType=id").then()
                .statusCode(202);
    }

    @Test
    void prioritiesMapToOurs() {
        Map<String, String> expected = Map.of("P2", "P2", "P3", "P3", "P4", "P4", "P5", "P4");
        expected.forEach((priority, severity) -> {
            String service = unique("og-prio-" + priority);
            genie().body(create(unique("og"), service, priority)).post("/v2/alerts").then().statusCode(202);
            as("viewer").get("/api/incidents/" + incidentOf(service)).then().body("severity", equalTo(severity));
        });
        String withoutPriority = unique("og-prio-none");
        genie().body("{\"message\":\"Queue consumer lagging\",\"entity\":\"" + withoutPriority + "\"}").post("/v2/alerts")
                .then().statusCode(202);
        as("viewer").get("/api/incidents/" + incidentOf(withoutPriority)).then().body("severity", equalTo("P3"))
                .body("service", equalTo(withoutPriority)).body("dedupKey", notNullValue());
        String outage = unique("og-prio-outage");
        genie().body(create(unique("og"), outage, "P1").replace("Checkout is returning", "Complete outage: checkout is returning"))
                .post("/v2/alerts").then().statusCode(202);
        as("viewer").get("/api/incidents/" + incidentOf(outage)).then().body("severity", equalTo("P0"));
    }

    @Test
    void badRequestsGetOpsgeniesErrorsAndStoreNothing() {
        String service = unique("og-refused");
        String valid = create(unique("og"), service, "P2");
        genie().body(valid.replace("\"message\": \"CheckoutHighErrorRate\",", "")).post("/v2/alerts").then()
                .statusCode(422).body("message", equalTo("Request body is not processable. Please check the errors."))
                .body("errors.message", equalTo("Message can not be empty.")).body("requestId", matchesPattern(UUID));
        genie().body(valid.replace("\"P2\"", "\"P9\"")).post("/v2/alerts").then().statusCode(422)
                .body("errors.priority", notNullValue());
        genie().body(valid.replace("\"tags\": [\"prod\", \"checkout\"]", "\"tags\": \"prod\"")).post("/v2/alerts").then()
                .statusCode(422).body("errors.tags", notNullValue());
        genie().body(valid.replace("\"message\": \"CheckoutHighErrorRate\"", "\"message\": {\"text\": \"x\"}"))
                .post("/v2/alerts").then().statusCode(422).body("errors.message", notNullValue());
        genie().body(valid.replace("\"message\": \"CheckoutHighErrorRate\"", "\"message\": \"" + "m".repeat(131) + "\""))
                .post("/v2/alerts").then().statusCode(422).body("errors.message", notNullValue());
        genie().body(valid.replace("Sent by Alertmanager", "n".repeat(25_001))).post("/v2/alerts").then()
                .statusCode(422).body("errors.note", notNullValue());
        genie().body(valid.replace("\"team\": \"payments\"", "\"team\": \"" + "t".repeat(4_000) + "\", \"notes\": \""
                        + "n".repeat(4_000) + "\"")) // each within 4,096, together over Opsgenie's 8,000
                .post("/v2/alerts").then().statusCode(422).body("errors.details", notNullValue());
        genie().body(valid.replace("CheckoutHighErrorRate\",\n  \"description", "Checkout\\u0000\",\n  \"description"))
                .post("/v2/alerts").then().statusCode(422).body("errors.message", notNullValue()); // JSON's escaped NUL
        genie().body("{\"message\": ").post("/v2/alerts").then().statusCode(400).body("message", notNullValue())
                .body("requestId", matchesPattern(UUID));
        genie().body("[]").post("/v2/alerts").then().statusCode(422);
        given().contentType("application/json").body(valid).post("/v2/alerts").then().statusCode(401)
                .body("message", equalTo("Could not authenticate"));
        given().contentType("application/json").header("Authorization", "GenieKey not-the-key").body(valid)
                .post("/v2/alerts").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .body(valid).post("/v2/alerts").then().statusCode(401);
        genie().body("{}").post("/v2/alerts/42/close?identifierType=tiny").then().statusCode(422)
                .body("errors.identifierType", notNullValue());
        genie().body("{}").post("/v2/alerts/x/close?identifierType=name").then().statusCode(422);
        genie().body("{\"user\": [\"u\"]}").post("/v2/alerts/x/acknowledge").then().statusCode(422)
                .body("errors.user", notNullValue());
        assertThat(valid).contains("\"message\": \"CheckoutHighErrorRate\"", "\"P2\"", "\"tags\": [\"prod\", \"checkout\"]",
                "Sent by Alertmanager", "\"team\": \"payments\"", "CheckoutHighErrorRate\",\n  \"description");
        assertThat(incidentOf(service)).isNull();
    }
}
