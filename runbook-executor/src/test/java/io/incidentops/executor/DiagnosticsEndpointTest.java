package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.model.IncidentType;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.incidentops.executor.TestEvents.count;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/incidents/{id}/diagnostics, and diagnostics refreshed while the incident is open. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class DiagnosticsEndpointTest extends EventsTestBase {

    private static final String ERRORS = "sum(rate(http_server_requests_seconds_count{job=\"refresh-svc\",status=~\"5..\"}[5m]))"
            + " / sum(rate(http_server_requests_seconds_count{job=\"refresh-svc\"}[5m]))";


    @Test
    void figuresWithTheirQueriesRefreshedWhileOpenUntilResolved() {
        errorRate("0.05");
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, "refresh-svc", IncidentType.PERFORMANCE_DEGRADATION,
                "refresh-svc error rate above 5%", Instant.now().minusSeconds(60)));
        TestEvents.await(kafka, incident, l -> count(l, EventType.DIAGNOSTICS_COLLECTED) == 1);

        JsonPath first = diagnostics(incident);
        assertThat(first.getString("status")).isEqualTo("DONE");
        assertThat(first.getString("service")).isEqualTo("refresh-svc");
        assertThat(first.getString("errorRate"))
                .isEqualTo("5.00 % peak, 5.00 % now (same window 1 d earlier: no data, 7 d earlier: no data)");
        assertThat(first.getBoolean("metrics.configured")).isTrue();
        assertThat(first.getString("metrics.figures.find { it.name == 'error-rate' }.now.query")).isEqualTo(ERRORS);
        assertThat(first.getString("metrics.figures.find { it.name == 'error-rate' }.now.link"))
                .startsWith(WireMockResource.server().baseUrl() + WireMockResource.PROMETHEUS_PATH + "/graph?g0.expr=");
        assertThat(first.getString("metrics.figures.find { it.name == 'latency-p95' }.now.state")).isEqualTo("no data");
        assertThat(first.getString("metrics.figures.find { it.name == 'error-rate' }.dayBefore.query"))
                .isEqualTo(ERRORS.replace("[5m]", "[5m] offset 1d"));
        assertThat(first.getList("recentDeployments")).isEmpty();
        assertThat(first.getBoolean("refreshing")).isTrue();
        assertThat(first.getString("changedAt")).isNull();

        // the error rate climbs; the next refresh sees it and records what changed
        errorRate("0.30");
        makeRefreshDue(incident);
        await().atMost(Duration.ofSeconds(30)).until(() -> diagnostics(incident).getString("changedAt") != null);
        JsonPath refreshed = diagnostics(incident);
        assertThat(refreshed.getString("errorRate")).startsWith("30.0 % peak, 30.0 % now");
        assertThat(refreshed.getString("changes")).isEqualTo("error rate peak: 5.00 % → 30.0 %");

        // resolved: no more refreshes
        TestEvents.sendResolved(kafka, incident);
        TestEvents.before(kafka, incident, TestEvents.runAbandoned());
        await().atMost(Duration.ofSeconds(10)).until(() -> !diagnostics(incident).getBoolean("refreshing"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM diagnostic_run WHERE incident_id = :id AND (status = 'PENDING' OR refresh)""")
                .setParameter("id", incident).getSingleResult()).longValue())).as("claimable").isZero();
    }

    @Test
    void unknownIncidentsAre404AndTheEndpointNeedsALogin() {
        given().auth().oauth2(IncidentFlowTest.viewer()).get("/api/incidents/{id}/diagnostics", "INC-19990101-001")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/incidents/{id}/diagnostics", "INC-19990101-001").then().statusCode(401);
    }

    private static JsonPath diagnostics(String incident) {
        return given().auth().oauth2(IncidentFlowTest.viewer()).get("/api/incidents/{id}/diagnostics", incident)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The latest stub of the same request wins in WireMock. */
    private static void errorRate(String value) {
        PrometheusStubs.range(ERRORS, PrometheusStubs.matrix(value));
    }

    private void makeRefreshDue(String incident) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE diagnostic_run SET due_at = now() WHERE incident_id = :id")
                .setParameter("id", incident).executeUpdate());
    }
}
