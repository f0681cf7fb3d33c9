package io.incidentops.reporter;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.incidentops.reporter.IncidentLifecycleTest.REPORTS;
import static io.incidentops.reporter.TestEvents.REPORTER;
import static io.incidentops.reporter.TestEvents.awaitResolved;
import static io.incidentops.reporter.TestEvents.send;
import static io.incidentops.reporter.TestEvents.viewer;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class SlaAndPirTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    private static void declare(KafkaTestClient kafka, String id, Severity severity, Instant start, Instant detected) {
        send(kafka, new IncidentDeclared(id, "Search latency high", null, "search", severity,
                IncidentType.PERFORMANCE_DEGRADATION, IncidentStatus.DECLARED, "prometheus", null, Map.of(), null,
                start, detected));
    }

    @Test
    void p2AcknowledgedLateMissesTheResponseTargetAndGetsARecommendedPirWithActionItems() throws Exception {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-04-02T08:00:00Z");
        Instant detected = t0.plus(Duration.ofMinutes(20));    // slow detection (threshold 10 min)
        Instant acknowledged = detected.plus(Duration.ofMinutes(75)); // P2 target 1 h: missed
        Instant resolved = acknowledged.plus(Duration.ofMinutes(30));
        declare(kafka, id, Severity.P2, t0, detected);
        send(kafka, new IncidentAcknowledged(id, "Dan", acknowledged));
        send(kafka, new MitigationFailed(id, "m-9", MitigationAction.RESTART, "search", "pods crash-loop", "Dan",
                acknowledged.plusSeconds(60)));
        send(kafka, new IncidentResolved(id, Severity.P2, null, null, null, "Index corruption", "Dan",
                t0, detected, acknowledged, null, resolved));
        awaitResolved(id);

        JsonPath mttr = viewer().get("/api/incidents/{id}/mttr", id).jsonPath();
        assertThat(mttr.getBoolean("sla.met")).isFalse();
        assertThat(mttr.getList("sla.missed")).containsExactly("response");
        assertThat(mttr.getString("sla.result")).isEqualTo("SLA Missed");
        assertThat(mttr.getLong("phases.response.seconds")).isEqualTo(75 * 60);
        assertThat(mttr.getString("phases.mitigation")).isNull();            // never mitigated
        assertThat(mttr.getLong("phases.resolution.seconds")).isEqualTo(30 * 60); // measured from the response

        String report = Files.readString(REPORTS.resolve("incident-" + id + "-2024-04-02.md"));
        assertThat(report).contains("Status: ❌ SLA Missed", "Missed: response took 1h 15m 0s, target ≤ 1h 0m 0s",
                "Mitigation Time:  unknown", "- Failed at 2024-04-02 09:36:00 UTC: Restart service/pods on search (pods crash-loop)");

        String pir = Files.readString(REPORTS.resolve("pir-" + id + "-2024-04-02.md"));
        assertThat(pir).contains("**Date:** 2024-04-09", "**Requirement:** RECOMMENDED", "**Facilitator:** TBD")
                .contains("- Detection took 20m 0s (impact start → alert; threshold 10m 0s)")
                .contains("Response SLA missed: first responder engaged after 1h 15m 0s (target ≤ 1h 0m 0s)")
                .contains("- Mitigation failed: Restart service/pods on search (pods crash-loop)")
                .contains("| Find out why \"Restart service/pods on search\" failed and repair that mitigation path | TBD |")
                .contains("| Review paging and escalation so P2 incidents are acknowledged within 1h 0m 0s | TBD |")
                .contains("Detection took 20m 0s: add or tune an alert on search");
    }

    @Test
    void p0ResolvedAfterItsResolutionTargetMissesTheResolutionTarget() {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-04-03T00:00:00Z");
        declare(kafka, id, Severity.P0, t0, t0.plusSeconds(60));
        send(kafka, new IncidentResolved(id, Severity.P0, null, null, null, "Region failure", "Eve",
                t0, t0.plusSeconds(60), t0.plusSeconds(120), t0.plusSeconds(600), t0.plus(Duration.ofHours(5))));
        awaitResolved(id);

        JsonPath mttr = viewer().get("/api/incidents/{id}/mttr", id).jsonPath();
        assertThat(mttr.getList("sla.missed")).containsExactly("resolution");
        assertThat(mttr.getLong("sla.target.response.seconds")).isEqualTo(300); // "Immediate" = within 5 min
        assertThat(mttr.getLong("sla.target.resolution.seconds")).isEqualTo(4 * 3600);
        assertThat(mttr.getLong("phases.total.seconds")).isEqualTo(5 * 3600);
    }

    @Test
    void p3GetsAReportButNoPir() {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-04-04T00:00:00Z");
        declare(kafka, id, Severity.P3, t0, t0.plusSeconds(60));
        IncidentResolved resolved = new IncidentResolved(id, Severity.P3, null, null, null, null, "Eve",
                null, null, t0.plusSeconds(600), null, t0.plusSeconds(3600));
        send(kafka, resolved);
        // Marker: reopened and resolved again, the reporter announces a second report. Its outbox leaves in commit
        // order on the incident's partition, so whatever the first resolution announced is on the topic before it.
        send(kafka, new IncidentReopened(id, "flapping", t0.plusSeconds(3700)));
        send(kafka, resolved);

        List<String> announced = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                        r -> id.equals(r.key()) && REPORTER.equals(header(r, "ce_source")),
                        l -> l.stream().filter(TestEvents::isReportPublished).count() >= 2)
                .stream().map(r -> header(r, "ce_type")).toList();
        int marker = announced.lastIndexOf(EventType.REPORT_PUBLISHED.ceType());
        // no pir.scheduled from either resolution before the marker (one would follow its report in the same commit)
        assertThat(announced.subList(0, marker + 1)).doesNotContain(EventType.PIR_SCHEDULED.ceType())
                .containsExactly(EventType.REPORT_PUBLISHED.ceType(), EventType.REPORT_PUBLISHED.ceType());

        assertThat(REPORTS.resolve("incident-" + id + "-2024-04-04.md")).exists();
        assertThat(Path.of(REPORTS.toString(), "pir-" + id + "-2024-04-04.md")).doesNotExist();
        assertThat(REPORTS.resolve("pir-" + id + ".ics")).doesNotExist();
        viewer().get("/api/incidents/{id}/pir", id).then().statusCode(404);
        // the summary's timestamps fill what the event lacks (declared startedAt/detectedAt)
        JsonPath mttr = viewer().get("/api/incidents/{id}/mttr", id).jsonPath();
        assertThat(mttr.getLong("phases.detection.seconds")).isEqualTo(60);
        assertThat(mttr.getLong("phases.total.seconds")).isEqualTo(3600);
        assertThat(mttr.getLong("sla.target.resolution.seconds")).isEqualTo(7200); // %test override of P3
    }
}
