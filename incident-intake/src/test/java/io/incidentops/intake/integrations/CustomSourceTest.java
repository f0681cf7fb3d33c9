package io.incidentops.intake.integrations;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** A source we have no code for, mapped by field expressions set through the admin API. */
@QuarkusTest
class CustomSourceTest {

    /**
     * Uptime Kuma's webhook notification ({@code {heartbeat, monitor, msg}}, louislam/uptime-kuma
     * server/notification-providers/webhook.js; heartbeat status 0 = down, 1 = up), mapped with JSON Pointers.
     */
    private static final Map<String, Object> UPTIME_KUMA = Map.of(
            "service", "/monitor/name", "summary", "/msg", "description", "/heartbeat/msg",
            "severity", "/heartbeat/status", "severities", Map.of("0", "P2"),
            "dedupKey", "/monitor/id", "status", "/heartbeat/status", "resolvedWhen", List.of("1"));

    private static String create(String name, Map<String, Object> mapping) {
        return as("admin").body(Map.of("name", name, "sourceType", "custom", "mapping", mapping))
                .post("/api/admin/integrations").then().statusCode(201).body("routes", equalTo(List.of("custom")))
                .body("mapping.service", equalTo(mapping.get("service"))).extract().path("key");
    }

    private static RequestSpecification bearer(String key) {
        return given().contentType("application/json").header("Authorization", "Bearer " + key);
    }

    private static long incidentsOf(String service) {
        return ((List<?>) as("viewer").queryParam("size", 500).get("/api/incidents").then().extract()
                .path("items.findAll { it.service == '" + service + "' }")).size();
    }

    @Test
    void anUptimeKumaMonitorDownDeclaresAndItsRecoveryIsRecorded() {
        String key = create(unique("kuma").toLowerCase(), UPTIME_KUMA);
        String service = unique("checkout-health");
        String down = resource("/custom/uptime-kuma-down.json", Map.of("SERVICE", service));
        String incident = bearer(key).body(down).post("/api/integrations/custom").then().statusCode(202)
                .body("received", equalTo(1)).body("results[0].outcome", equalTo("declared"))
                .extract().path("results[0].incidentId");
        as("viewer").get("/api/incidents/" + incident).then().body("service", equalTo(service))
                .body("severity", equalTo("P2")).body("title", containsString("[🔴 Down]")).body("source", equalTo("custom"));

        String up = down.replace("\"status\": 0", "\"status\": 1");
        bearer(key).body(up).post("/api/integrations/custom").then().statusCode(202);
        as("viewer").get("/api/incidents/" + incident + "/alerts").then().body("items", hasSize(1))
                .body("items[0].status", equalTo("resolved")).body("items[0].dedupKey", containsString("/29"));
    }

    @Test
    void severalAlertsPerBodyWithJsonPathAndAnUnknownSeverityWordKeptNotRefused() {
        String key = create(unique("batch").toLowerCase(), Map.of("alerts", "$.events[*]", "service", "$.host",
                "summary", "$.title", "severity", "$.level", "dedupKey", "$.id", "labels", "$.tags",
                "defaultSeverity", "P4"));
        String host = unique("db");
        String body = """
                {"events": [
                  {"id": "e1", "host": "%1$s", "title": "Replication lag 40 s", "level": "critical", "tags": {"team": "payments", "env": "prod"}},
                  {"id": "e2", "host": "%1$s", "title": "Vacuum slow", "level": "meh", "tags": {"team": "payments"}}
                ]}""".formatted(host);
        String incident = bearer(key).body(body).post("/api/integrations/custom").then().statusCode(202)
                .body("received", equalTo(2)).extract().path("results[0].incidentId");
        as("viewer").get("/api/incidents/" + incident + "/alerts").then().body("items", hasSize(2))
                .body("items.find { it.summary == 'Vacuum slow' }.severity", equalTo("P4"))
                .body("items.find { it.summary == 'Vacuum slow' }.labels.severity_unmapped", equalTo("meh"))
                .body("items.find { it.summary == 'Replication lag 40 s' }.labels.team", equalTo("payments"));
        as("viewer").get("/api/incidents/" + incident).then().body("severity", equalTo("P1"));
    }

    @Test
    void aBodyTheMappingFindsNothingInIsA400NamingTheFieldAndNothingIsStored() {
        String key = create(unique("strict").toLowerCase(), UPTIME_KUMA);
        String service = unique("nowhere");
        bearer(key).body(Map.of("monitor", Map.of("id", 1, "name", service))).post("/api/integrations/custom").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("summary")).body("errors.message", hasItem(containsString("'/msg'")));
        bearer(key).body(Map.of("monitor", Map.of("name", Map.of("nested", true)), "msg", "x"))
                .post("/api/integrations/custom").then().statusCode(400).body("errors.field", hasItem("service"));
        bearer(key).body("{nope").post("/api/integrations/custom").then().statusCode(400);
        org.assertj.core.api.Assertions.assertThat(incidentsOf(service)).isZero();
    }

    @Test
    void mappingsAreCheckedWhenSetAndAKeyWithoutOneIsToldSo() {
        as("admin").body(Map.of("name", unique("bad").toLowerCase(), "sourceType", "custom",
                        "mapping", Map.of("service", "$.[broken", "summary", "/msg")))
                .post("/api/admin/integrations").then().statusCode(400).body("errors.field", hasItem("mapping.service"));
        as("admin").body(Map.of("name", unique("bad").toLowerCase(), "sourceType", "custom",
                        "mapping", Map.of("service", "monitor.name", "summary", "/msg")))
                .post("/api/admin/integrations").then().statusCode(400).body("errors.field", hasItem("mapping.service"));
        as("admin").body(Map.of("name", unique("bad").toLowerCase(), "sourceType", "custom"))
                .post("/api/admin/integrations").then().statusCode(400).body("errors.field", hasItem("mapping"));
        // the test profile's unscoped key may use the route, but has no mapping
        given().contentType("application/json").header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .body(Map.of("msg", "x")).post("/api/integrations/custom").then().statusCode(400)
                .body("errors.field", hasItem("mapping"));
        // a key of another source may not use the route at all
        String generic = as("admin").body(Map.of("name", unique("gen").toLowerCase(), "sourceType", "generic"))
                .post("/api/admin/integrations").then().statusCode(201).extract().path("key");
        bearer(generic).body(Map.of("msg", "x")).post("/api/integrations/custom").then().statusCode(403);
    }
}
