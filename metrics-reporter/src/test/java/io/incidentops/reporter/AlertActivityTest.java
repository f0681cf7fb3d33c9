package io.incidentops.reporter;

import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.reporter.IncidentLifecycleTest.REPORTS;
import static io.incidentops.reporter.TestEvents.awaitResolved;
import static io.incidentops.reporter.TestEvents.send;
import static io.incidentops.reporter.TestEvents.viewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grouped alerts as intake reports them now: one {@code incident.alert-activity} per interval on the timeline, and
 * the report counting distinct alerts and deliveries instead of listing deliveries.
 */
@QuarkusTest
class AlertActivityTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    private static IncidentDeclared declared(String id, Instant t0) {
        return new IncidentDeclared(id, "Database cluster degraded", null, "db", Severity.P3, IncidentType.PERFORMANCE_DEGRADATION,
                IncidentStatus.DECLARED, "alertmanager", "fp-db-1", Map.of(), null, t0, t0.plusSeconds(30));
    }

    private static GroupedAlert alert(String key, String status, String summary, Instant at) {
        return new GroupedAlert(key, "service=db,team=storage", "alertmanager", status, Severity.P3, summary, at, at, 1);
    }

    @Test
    void alertActivityIsOneTimelineLineAndTheReportCountsAlertsAndDeliveries() throws Exception {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-09-01T10:00:00Z");
        send(kafka, declared(id, t0));
        Instant from = t0.plusSeconds(60);
        send(kafka, new AlertActivity(id, from, from.plusSeconds(10), 12, 3, 2, 1, 2,
                List.of(alert("fp-db-2", "firing", "Disk full on db-2", from), alert("fp-db-3", "firing", "CPU high on db-3", from),
                        alert("fp-db-1", "resolved", "Replication lag", from), alert("fp-db-4", "firing", "Slow queries", from)),
                1));
        send(kafka, new AlertActivity(id, t0.plusSeconds(80), t0.plusSeconds(90), 5, 1, 0, 0, 2, List.of(), 0));
        send(kafka, new AlertActivity(id, t0.plusSeconds(100), t0.plusSeconds(110), 1, 1, 0, 1, 1,
                List.of(alert("fp-db-2", "resolved", "Disk full on db-2", t0.plusSeconds(100))), 0));
        send(kafka, new AlertsResolved(id, 3, t0.plusSeconds(120)));
        send(kafka, new StatusChanged(id, IncidentStatus.INVESTIGATING, IncidentStatus.MONITORING, "All 3 alerts resolved",
                t0.plusSeconds(120)));
        send(kafka, new IncidentResolved(id, Severity.P3, null, null, null, "Full disk", "intake", t0,
                t0.plusSeconds(30), null, null, t0.plusSeconds(600)));
        awaitResolved(id);

        JsonPath timeline = viewer().get("/api/incidents/{id}/timeline", id).then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("entries.type", String.class)).startsWith("incident.declared",
                "incident.alert-activity", "incident.alert-activity", "incident.alert-activity", "incident.alerts-resolved",
                "incident.status-changed", "incident.resolved");
        assertThat(timeline.getString("entries[1].occurredAt")).isEqualTo(from.toString());
        assertThat(timeline.getString("entries[1].description")).isEqualTo(
                "12 deliveries of 3 alerts between 2024-09-01 10:01:00 UTC and 2024-09-01 10:01:10 UTC, 2 new, 1 resolved: "
                        + "Disk full on db-2 (firing); CPU high on db-3 (firing); Replication lag (resolved); 2 more changed");
        assertThat(timeline.getString("entries[2].description"))
                .isEqualTo("5 deliveries of 1 alert between 2024-09-01 10:01:20 UTC and 2024-09-01 10:01:30 UTC");
        assertThat(timeline.getString("entries[3].description")).isEqualTo(
                "1 delivery of 1 alert between 2024-09-01 10:01:40 UTC and 2024-09-01 10:01:50 UTC, 1 resolved: "
                        + "Disk full on db-2 (resolved)");
        assertThat(timeline.getString("entries[4].description"))
                .isEqualTo("All 3 alerts resolved; monitoring until recovery is verified");
        assertThat(timeline.getInt("entries[1].data.deliveries")).isEqualTo(12);

        // 1 (the declaring alert) + 12 + 5 + 1 deliveries; 1 + 2 new alerts
        String report = Files.readString(REPORTS.resolve("incident-" + id + "-2024-09-01.md"));
        assertThat(report).contains("### Alerts\n3 distinct alerts and 19 deliveries grouped into this incident.\n")
                .doesNotContain("**Reopened:**");
        assertThat(report.lines().filter(l -> l.contains("(`incident.alert-activity`)"))).hasSize(3);
        assertThat(IncidentLifecycleTest.headers(report)).containsExactly("## Summary", "## Timeline",
                "## Customer Impact", "## Root Cause", "## Mitigation", "## Metrics", "## Runbook Used", "## Responders");
        assertThat(viewer().accept("text/html").get("/api/incidents/{id}/report", id).then().statusCode(200).extract()
                .asString()).contains("<h3>Alerts</h3>\n<p>3 distinct alerts and 19 deliveries grouped into this incident.</p>");
    }

    @Test
    void anIncidentOfOnlyOneAlertSaysSoAndOldAlertAttachedRecordsStillRender() throws Exception {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-09-02T10:00:00Z");
        send(kafka, declared(id, t0));
        // records written before intake grouped alerts: one incident.alert-attached per repeat
        send(kafka, new AlertAttached(id, "fp-db-1", "alertmanager", "firing", "Replication lag", Map.of(), t0, null,
                t0.plusSeconds(60)));
        send(kafka, new AlertAttached(id, "fp-db-1", "alertmanager", "resolved", "Replication lag", Map.of(), t0,
                t0.plusSeconds(110), t0.plusSeconds(120)));
        send(kafka, new AlertsResolved(id, 1, t0.plusSeconds(120)));
        send(kafka, new IncidentResolved(id, Severity.P3, null, null, null, null, "intake", t0, t0.plusSeconds(30),
                null, null, t0.plusSeconds(600)));
        awaitResolved(id);

        JsonPath timeline = viewer().get("/api/incidents/{id}/timeline", id).jsonPath();
        assertThat(timeline.getList("entries.description", String.class)).contains(
                "Alert firing attached from alertmanager: Replication lag",
                "Alert resolved attached from alertmanager: Replication lag",
                "The alert resolved; monitoring until recovery is verified");
        String report = Files.readString(REPORTS.resolve("incident-" + id + "-2024-09-02.md"));
        assertThat(report).contains("### Alerts\n1 distinct alert and 3 deliveries grouped into this incident.\n");
    }
}
