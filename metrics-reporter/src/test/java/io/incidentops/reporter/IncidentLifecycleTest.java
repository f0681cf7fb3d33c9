package io.incidentops.reporter;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.incidentops.reporter.TestEvents.awaitResolved;
import static io.incidentops.reporter.TestEvents.send;
import static io.incidentops.reporter.TestEvents.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One P1 incident through the whole workflow, as the other services announce it. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class IncidentLifecycleTest {

    static final Path REPORTS = Path.of("target/test-reports");

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void p1IncidentGetsTimelineMttrReportAndPir() throws Exception {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-03-10T10:00:00Z");
        Instant detected = t0.plusSeconds(240);          // detection 4 min
        Instant acknowledged = detected.plusSeconds(360); // response 6 min (P1 target 15 min)
        Instant mitigated = acknowledged.plusSeconds(900); // mitigation 15 min
        Instant resolved = mitigated.plusSeconds(1_200);   // resolution 20 min; total 45 min

        send(kafka, new IncidentDeclared(id, "Checkout error rate above 5%", "HTTP 500s on /pay", "checkout", Severity.P1,
                IncidentType.SERVICE_OUTAGE, IncidentStatus.DECLARED, "alertmanager", "fp-1",
                Map.of("affected_users", "about 12000"), "Customers cannot pay", t0, detected));
        send(kafka, new RespondersPaged(id, Severity.P1, List.of(new Responder("Alice", "on-call", "alice@example.com"),
                new Responder("Bob", "engineering-lead", null)), detected.plusSeconds(30)));
        send(kafka, new CommanderAssigned(id, new Responder("Carol", "commander", null), detected.plusSeconds(40)));
        send(kafka, new WarRoomOpened(id, "#incident-" + id, "https://meet/x", "https://docs/x", detected.plusSeconds(50)));
        send(kafka, new IncidentAcknowledged(id, "Alice", acknowledged));
        send(kafka, new DiagnosticsCollected(id, "checkout", List.of(
                new DeploymentSummary("checkout", "v41", "production", "deployment", Instant.parse("2024-03-09T16:00:00Z")),
                new DeploymentSummary("checkout", "v42", "production", "deployment", Instant.parse("2024-03-10T09:55:00Z"))),
                "DOWN", "503", "7.5%", "p95=900ms", "ok", "status.stripe.com: all systems operational",
                "recent deployment", acknowledged.plusSeconds(60)));
        send(kafka, new RunbookStarted(id, "run-1", "high_error_rate", "1", List.of("Identify error type"),
                acknowledged.plusSeconds(120)));
        send(kafka, new MitigationApplied(id, "m-1", MitigationAction.ROLLBACK, "checkout", "to v41", "Alice", mitigated));
        send(kafka, new RecoveryVerified(id, "m-1", "health 200", Duration.ofMinutes(15), resolved));
        send(kafka, new IncidentResolved(id, Severity.P1, IncidentType.SERVICE_OUTAGE, "Checkout error rate above 5%",
                "checkout", "Bad deploy v42", "intake", t0, detected, acknowledged, mitigated, resolved));

        awaitResolved(id);

        // MTTR: phases equal the differences of the timestamps above
        JsonPath mttr = viewer().get("/api/incidents/{id}/mttr", id).then().statusCode(200).extract().jsonPath();
        assertThat(mttr.getLong("phases.detection.seconds")).isEqualTo(240);
        assertThat(mttr.getLong("phases.response.seconds")).isEqualTo(360);
        assertThat(mttr.getLong("phases.mitigation.seconds")).isEqualTo(900);
        assertThat(mttr.getLong("phases.resolution.seconds")).isEqualTo(1_200);
        assertThat(mttr.getLong("phases.total.seconds")).isEqualTo(2_700);
        assertThat(mttr.getString("phases.total.duration")).isEqualTo("PT45M");
        assertThat(mttr.getString("timestamps.acknowledgedAt")).isEqualTo(acknowledged.toString());
        assertThat(mttr.getBoolean("sla.met")).isTrue();
        assertThat(mttr.getList("sla.missed")).isEmpty();
        assertThat(mttr.getString("sla.result")).isEqualTo("SLA Met");
        assertThat(mttr.getLong("sla.target.response.seconds")).isEqualTo(900);
        assertThat(mttr.getLong("sla.target.resolution.seconds")).isEqualTo(8 * 3600);

        // the reporter announced its documents
        List<ConsumerRecord<String, String>> announced = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && TestEvents.REPORTER.equals(header(r, "ce_source")),
                l -> l.size() >= 3);
        // the invite goes to the people with an e-mail address (Alice; the commander Carol has none)
        assertThat(announced).extracting(r -> header(r, "ce_type")).containsExactly(EventType.REPORT_PUBLISHED.ceType(),
                EventType.PIR_SCHEDULED.ceType(), EventType.PIR_INVITE_REQUESTED.ceType());
        assertThat(announced.get(0).value()).contains("\"format\":\"markdown\"").contains("incident-" + id + "-2024-03-10.md");
        assertThat(announced.get(1).value()).contains("\"requirement\":\"REQUIRED\"")
                .contains("\"dueBy\":\"" + resolved.plus(Duration.ofHours(48)) + "\"");

        // timeline: every step, in time order; the reporter's own events come last
        await().atMost(Duration.ofSeconds(30)).until(() ->
                viewer().get("/api/incidents/{id}/timeline", id).jsonPath().getList("entries").size() == 13);
        JsonPath timeline = viewer().get("/api/incidents/{id}/timeline", id).then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("entries.type", String.class)).containsExactly(
                "incident.declared", "incident.responders-paged", "incident.commander-assigned",
                "incident.war-room-opened", "incident.acknowledged", "diagnostics.collected", "runbook.started",
                "mitigation.applied", "recovery.verified", "incident.resolved", "report.published", "pir.scheduled",
                "pir.invite-requested");
        assertThat(timeline.getString("entries[12].description"))
                .startsWith("Post-incident review invite for 2024-03-1").endsWith(" sent to 1 person");
        assertThat(timeline.getString("entries[0].occurredAt")).isEqualTo(detected.toString());
        assertThat(timeline.getString("entries[0].data.title")).isEqualTo("Checkout error rate above 5%");
        assertThat(timeline.getString("entries[7].description")).isEqualTo("Mitigation applied: Rollback deployment on checkout (to v41)");

        // the incident report file, with the seed's structure and the right numbers
        Path reportFile = REPORTS.resolve("incident-" + id + "-2024-03-10.md");
        assertThat(reportFile).exists();
        String report = Files.readString(reportFile);
        assertThat(report).startsWith("# Incident Report: " + id + "\n")
                .contains("**Incident ID:** " + id, "**Severity:** P1", "**Status:** Resolved",
                        "**Duration:** 41m 0s", "**MTTR:** 45m 0s")
                .contains("## Summary", "## Timeline", "## Customer Impact", "## Root Cause", "## Mitigation",
                        "## Metrics", "## Runbook Used", "## Responders")
                .contains("- **2024-03-10 10:04:00 UTC** - Incident detected via alertmanager")
                .contains("- **2024-03-10 10:10:00 UTC** - Incident declared, team assembled")
                .contains("- **2024-03-10 10:25:00 UTC** - Mitigation implemented: Rollback deployment on checkout (to v41)")
                .contains("- **2024-03-10 10:45:00 UTC** - Service fully recovered")
                .contains("Customers cannot pay", "Bad deploy v42", "- Affected Users: about 12000", "- Error Rate Peak: 7.5%")
                .contains("- Latency Peak: p95=900ms",
                        "- Recent Changes: checkout v42 in production at 2024-03-10 09:55:00 UTC; checkout v41 in production"
                                + " at 2024-03-09 16:00:00 UTC",
                        "- Third-Party Status: status.stripe.com: all systems operational")
                .contains("Detection Time:   4m 0s", "Response Time:    6m 0s", "Mitigation Time:  15m 0s",
                        "Resolution Time:  20m 0s", "Total MTTR:       45m 0s", "Status: ✅ SLA Met")
                .contains("- high_error_rate v1 (started)", "- Alice (on-call)", "- Bob (engineering-lead)", "- Carol (commander)");
        assertThat(headers(report)).containsExactly("## Summary", "## Timeline", "## Customer Impact", "## Root Cause",
                "## Mitigation", "## Metrics", "## Runbook Used", "## Responders");
        assertThat(viewer().get("/api/incidents/{id}/report", id).then().statusCode(200)
                .contentType("text/markdown").extract().asString()).isEqualTo(report);

        // PIR: required within 48 h for P1, with its meeting invite
        Path pirFile = REPORTS.resolve("pir-" + id + "-2024-03-10.md");
        assertThat(pirFile).exists();
        String pir = Files.readString(pirFile);
        assertThat(pir).startsWith("# Post-Incident Review: " + id + "\n")
                .contains("**Date:** 2024-03-12", "**Facilitator:** Carol", "**Attendees:** Alice, Bob, Carol")
                .contains("## Incident Summary", "## What Went Well", "## What Went Wrong", "## Where We Got Lucky",
                        "## Action Items", "| Action | Owner | Due Date | Status |", "## Prevention Measures",
                        "## Monitoring Improvements")
                .contains("Response within SLA (6m 0s, target ≤ 15m 0s)", "Fast detection", "Fix the root cause: Bad deploy v42");
        assertThat(viewer().get("/api/incidents/{id}/pir", id).then().statusCode(200).extract().asString()).isEqualTo(pir);
        String ics = Files.readString(REPORTS.resolve("pir-" + id + ".ics"));
        // the latest working hour (UTC) that ends by the deadline, 2024-03-12 10:45
        assertThat(ics).contains("BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "DTSTART:20240312T090000Z",
                "UID:pir-" + id + "@incidentops");
    }

    static List<String> headers(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("## ")).toList();
    }
}
