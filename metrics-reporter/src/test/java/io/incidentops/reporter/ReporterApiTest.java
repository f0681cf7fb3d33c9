package io.incidentops.reporter;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.reporter.TestEvents.awaitResolved;
import static io.incidentops.reporter.TestEvents.send;
import static io.incidentops.reporter.TestEvents.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ReporterApiTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    private static IncidentDeclared declared(String id, String title, Severity severity, Instant start) {
        return new IncidentDeclared(id, title, "<b>bold</b> description", "db", severity, IncidentType.INFRASTRUCTURE_FAILURE,
                IncidentStatus.DECLARED, "webhook", null, Map.of(), null, start, start.plusSeconds(60));
    }

    private void resolve(String id, Severity severity, Instant start, long ackAfter, long totalSeconds) {
        resolve(id, severity, null, start, ackAfter, totalSeconds);
    }

    private void resolve(String id, Severity severity, IncidentType type, Instant start, long ackAfter, long totalSeconds) {
        send(kafka, new IncidentResolved(id, severity, type, null, null, "disk full", "ops", start, start.plusSeconds(60),
                start.plusSeconds(60 + ackAfter), null, start.plusSeconds(totalSeconds)));
    }

    @Test
    void htmlReportEscapesAlertText() {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        send(kafka, declared(id, "<script>alert('x')</script> db down", Severity.P3, t0));
        resolve(id, Severity.P3, t0, 60, 1800);
        awaitResolved(id);

        String html = viewer().accept("text/html").get("/api/incidents/{id}/report", id)
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("<h2>Root Cause</h2>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; db down",
                "&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<script>", "<b>bold");
        String markdown = viewer().accept("text/markdown").get("/api/incidents/{id}/report", id)
                .then().statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).contains("&lt;script&gt;").doesNotContain("<script>");
        // a client that accepts anything gets the Markdown document
        assertThat(viewer().get("/api/incidents/{id}/report", id).asString()).isEqualTo(markdown);
    }

    @Test
    void duplicateDeliveryGivesOneTimelineEntry() {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-05-02T00:00:00Z");
        UUID declaredId = UUID.randomUUID();
        send(kafka, declaredId, declared(id, "dup", Severity.P4, t0));
        send(kafka, declaredId, declared(id, "dup", Severity.P4, t0));
        send(kafka, new IncidentAcknowledged(id, "Zed", t0.plusSeconds(120))); // same partition: after both copies

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = viewer().get("/api/incidents/{id}/timeline", id);
            return r.statusCode() == 200 && r.jsonPath().getList("entries").size() >= 2;
        });
        JsonPath timeline = viewer().get("/api/incidents/{id}/timeline", id).jsonPath();
        assertThat(timeline.getList("entries.type")).containsExactly("incident.declared", "incident.acknowledged");
        assertThat(timeline.getString("entries[0].eventId")).isEqualTo(declaredId.toString());
    }

    @Test
    void unknownIncidentIs404ProblemAndUnresolvedMttrIs409() {
        String unknown = TestIds.newIncidentId();
        for (String path : new String[]{"timeline", "mttr", "report", "pir"}) {
            viewer().get("/api/incidents/{id}/" + path, unknown).then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
        }
        String open = TestIds.newIncidentId();
        send(kafka, declared(open, "still open", Severity.P2, Instant.parse("2024-05-03T00:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                viewer().get("/api/incidents/{id}/timeline", open).statusCode() == 200);
        viewer().get("/api/incidents/{id}/mttr", open).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not resolved"));
    }

    @Test
    void everyEndpointNeedsAToken() {
        for (String path : new String[]{"/api/incidents/X/timeline", "/api/incidents/X/mttr", "/api/incidents/X/report",
                "/api/incidents/X/pir", "/api/metrics/mttr", "/api/metrics/mttr/weekly"}) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2("not-a-jwt").get(path).then().statusCode(401);
        }
    }

    @Test
    void aggregatesOverAWindowBySeverity() {
        Instant a = Instant.parse("2001-05-10T00:00:00Z");
        Instant b = Instant.parse("2001-05-11T00:00:00Z");
        Instant c = Instant.parse("2001-05-12T00:00:00Z");
        String p1a = TestIds.newIncidentId();
        String p1b = TestIds.newIncidentId();
        String p2 = TestIds.newIncidentId();
        resolve(p1a, Severity.P1, a, 300, 1800);   // met, total 30 min
        resolve(p1b, Severity.P1, b, 1200, 3000);  // response 20 min > 15: missed, total 50 min
        resolve(p2, Severity.P2, c, 600, 7200);    // met, total 2 h
        awaitResolved(p1a);
        awaitResolved(p1b);
        awaitResolved(p2);

        JsonPath all = viewer().queryParam("since", "2001-05-01").queryParam("until", "2001-06-01T00:00:00Z")
                .get("/api/metrics/mttr").then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("overall.count")).isEqualTo(3);
        assertThat(all.getInt("overall.slaMet")).isEqualTo(2);
        assertThat(all.getInt("overall.slaMissed")).isEqualTo(1);
        assertThat(all.getLong("overall.phases.total.median.seconds")).isEqualTo(3000);
        assertThat(all.getLong("overall.phases.total.mean.seconds")).isEqualTo((1800 + 3000 + 7200) / 3);
        assertThat(all.getLong("overall.phases.response.mean.seconds")).isEqualTo((300 + 1200 + 600) / 3);
        assertThat(all.getInt("overall.bySeverity.P1.count")).isEqualTo(2);
        assertThat(all.getLong("overall.bySeverity.P1.phases.total.median.seconds")).isEqualTo(2400);
        assertThat(all.getDouble("overall.bySeverity.P1.slaMetRatio")).isEqualTo(0.5);
        assertThat(all.getInt("overall.bySeverity.P2.count")).isEqualTo(1);

        JsonPath later = viewer().queryParam("since", "2001-05-11T00:00:00Z").queryParam("until", "2001-06-01")
                .get("/api/metrics/mttr").jsonPath();
        assertThat(later.getInt("overall.count")).isEqualTo(2);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("incidentops_reporter_sla_results_total{result=\"missed\",severity=\"P1\"}")
                .contains("incidentops_reporter_mttr_phase_seconds_count{phase=\"total\",severity=\"P2\"}")
                .contains("incidentops_reporter_documents_total{kind=\"incident-report\"}")
                .contains("incidentops_reporter_timeline_events_total{type=\"incident.resolved\"}");
    }

    @Test
    void aggregatesByTypeAndPerWeek() {
        Instant may = Instant.parse("2002-05-10T00:00:00Z");
        String outage = TestIds.newIncidentId();
        String slow = TestIds.newIncidentId();
        resolve(outage, Severity.P1, IncidentType.SERVICE_OUTAGE, may, 300, 1800);
        resolve(slow, Severity.P3, IncidentType.PERFORMANCE_DEGRADATION, may, 600, 3600);
        awaitResolved(outage);
        awaitResolved(slow);
        JsonPath window = viewer().queryParam("since", "2002-05-01").queryParam("until", "2002-06-01")
                .get("/api/metrics/mttr").then().statusCode(200).extract().jsonPath();
        assertThat(window.getInt("overall.byType.SERVICE_OUTAGE.count")).isEqualTo(1);
        assertThat(window.getLong("overall.byType.SERVICE_OUTAGE.phases.total.mean.seconds")).isEqualTo(1800);
        assertThat(window.getInt("overall.byType.PERFORMANCE_DEGRADATION.count")).isEqualTo(1);
        assertThat(window.getMap("overall.byType")).hasSize(2);

        // this week's resolution lands in the last week of the trend, by severity and type
        Instant now = Instant.now();
        String recent = TestIds.newIncidentId();
        resolve(recent, Severity.P2, IncidentType.DATA_LOSS, now.minusSeconds(7200), 60, 3600);
        awaitResolved(recent);
        JsonPath weekly = viewer().queryParam("weeks", 4).get("/api/metrics/mttr/weekly")
                .then().statusCode(200).extract().jsonPath();
        assertThat(weekly.getList("weeks")).hasSize(4);
        for (int w = 0; w < 3; w++) {
            assertThat(weekly.getString("weeks[" + w + "].until")).isEqualTo(weekly.getString("weeks[" + (w + 1) + "].since"));
        }
        Instant since = Instant.parse(weekly.getString("weeks[3].since"));
        Instant until = Instant.parse(weekly.getString("weeks[3].until"));
        assertThat(since.atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(Duration.between(since, until)).isEqualTo(Duration.ofDays(7));
        Instant resolvedAt = now.minusSeconds(7200).plusSeconds(3600);
        int last = resolvedAt.isBefore(since) ? 2 : 3; // resolved last week when the test runs early on a Monday
        assertThat(weekly.getInt("weeks[" + last + "].overall.byType.DATA_LOSS.count")).isGreaterThanOrEqualTo(1);
        assertThat(weekly.getInt("weeks[" + last + "].overall.bySeverity.P2.count")).isGreaterThanOrEqualTo(1);

        viewer().queryParam("weeks", 0).get("/api/metrics/mttr/weekly").then().statusCode(400);
        viewer().queryParam("weeks", 1000).get("/api/metrics/mttr/weekly").then().statusCode(400);
        given().get("/api/metrics/mttr/weekly").then().statusCode(401);
    }

    @Test
    void badWindowIs400NamingTheField() {
        viewer().queryParam("since", "yesterday").get("/api/metrics/mttr").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        viewer().queryParam("since", "2024-01-02").queryParam("until", "2024-01-01").get("/api/metrics/mttr")
                .then().statusCode(400).body("errors[0].field", equalTo("until"));
    }
}
