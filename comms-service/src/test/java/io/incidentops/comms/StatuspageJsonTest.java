package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.JsonFixture;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.get;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Statuspage v2 JSON, field by field, against {@code statuspage-v2.json}: Atlassian's public API v2 shapes (page,
 * status, component, incident, incident update), every field named, values that vary matched by type or pattern.
 */
@QuarkusTest
class StatuspageJsonTest extends EventsTest {

    private static final JsonFixture STATUSPAGE_V2 = JsonFixture.load("/statuspage-v2.json");


    @Test
    void everyDocumentHasExactlyStatuspagesFields() {
        // one incident in monitoring and one resolved: every optional field has a value somewhere to be checked
        String service = TestIds.unique("shapes");
        String publicName = TestIds.unique("Shapes");
        Components.create(publicName, service);
        String monitored = TestIds.newIncidentId();
        String resolved = TestIds.newIncidentId();
        Instant started = Instant.now().minusSeconds(600);
        events.send(TestEvents.declared(monitored, Severity.P1, service, "slow search", null, started));
        events.send(TestEvents.statusChanged(monitored, IncidentStatus.MITIGATING, IncidentStatus.MONITORING));
        events.send(TestEvents.declared(resolved, Severity.P0, service, "search down", null, started));
        events.send(TestEvents.resolved(resolved, Severity.P0, service, "search down", "a full disk", started,
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                incident("/api/v2/incidents.json", publicName + " experiencing a partial outage")
                        .filter(i -> "monitoring".equals(i.get("status"))).isPresent()
                        && incident("/api/v2/incidents.json", publicName + " issue resolved").isPresent());

        String pageId = get("/api/v2/status.json").getString("page.id");
        List<String> mismatches = new ArrayList<>();
        for (String path : STATUSPAGE_V2.documents()) {
            String json = given().accept("application/json").when().get(path).then().statusCode(200)
                    .extract().asString();
            mismatches.addAll(STATUSPAGE_V2.mismatches(path, json, pageId));
        }
        assertThat(mismatches).isEmpty();

        // the optional timestamps are set when their moment has come
        Map<String, Object> monitoring = incident("/api/v2/incidents.json", publicName + " experiencing a partial outage")
                .orElseThrow();
        // ours have a component: its shape and the affected-component shape were checked above, not only allowed
        assertThat((List<?>) monitoring.get("components")).hasSize(1);
        assertThat(updates(monitoring)).allSatisfy(u -> assertThat((List<?>) u.get("affected_components")).hasSize(1));
        assertThat(monitoring.get("monitoring_at")).isNotNull();
        assertThat(monitoring.get("resolved_at")).isNull();
        assertThat(incident("/api/v2/incidents.json", publicName + " issue resolved").orElseThrow().get("resolved_at"))
                .isNotNull();
    }
}
