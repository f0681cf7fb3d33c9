package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.sendEvent;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Acknowledge, status, severity, resolve over HTTP; MONITORING and RESOLVED from the executor's events. */
@QuarkusTest
class LifecycleTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    private static String declare(String severity) {
        return integration().body(alert(unique("svc"), "Orders failing " + UUID.randomUUID(), severity))
                .post("/api/alerts").then().statusCode(202).extract().path("incidentId");
    }

    private static String status(String id) {
        return as("viewer").get("/api/incidents/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void executorEventsDriveMonitoringThenResolvedWithTheRightTimestamps() {
        String id = declare("P1");
        as("responder").body("{\"responder\":\"Aiko Tanaka\"}").post("/api/incidents/" + id + "/acknowledge")
                .then().statusCode(200).body("status", equalTo("INVESTIGATING"))
                .body("acknowledgedBy", equalTo("Aiko Tanaka")).body("acknowledgedAt", notNullValue());

        Instant appliedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MitigationApplied applied = new MitigationApplied(id, "mit-1", MitigationAction.ROLLBACK, "checkout",
                "rolled back to v41", "aiko", appliedAt);
        UUID appliedId = sendEvent(kafka, applied);
        sendEvent(kafka, appliedId, applied); // a duplicate delivery: one effect
        await().atMost(Duration.ofSeconds(30)).until(() -> "MONITORING".equals(status(id)));

        Instant verifiedAt = appliedAt.plusSeconds(90);
        sendEvent(kafka, new RecoveryVerified(id, "mit-1", "health 200 x5", Duration.ofSeconds(90), verifiedAt));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(status(id)));

        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id,
                l -> hasType(l, EventType.INCIDENT_RESOLVED, 1));
        IncidentResolved resolved = data(events, EventType.INCIDENT_RESOLVED, IncidentResolved.class).get(0);
        Map<String, Object> view = as("viewer").get("/api/incidents/" + id).then().extract().path("$");
        assertThat(resolved.mitigatedAt()).isEqualTo(appliedAt);
        assertThat(resolved.resolvedAt()).isEqualTo(verifiedAt);
        assertThat(resolved.acknowledgedAt()).isEqualTo(Instant.parse((String) view.get("acknowledgedAt")));
        assertThat(resolved.startedAt()).isEqualTo(Instant.parse((String) view.get("startedAt")));
        assertThat(resolved.detectedAt()).isEqualTo(Instant.parse((String) view.get("detectedAt")));
        assertThat(resolved.rootCause()).isEqualTo("Mitigated by ROLLBACK of checkout: rolled back to v41");

        List<StatusChanged> changes = data(events, EventType.INCIDENT_STATUS_CHANGED, StatusChanged.class);
        assertThat(changes).extracting(StatusChanged::current).containsExactly(
                IncidentStatus.INVESTIGATING, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
        // the duplicate delivery changed nothing: one MONITORING transition above, the first mitigation time kept
        assertThat(view.get("mitigatedAt")).isNotNull();
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String id = declare("P3");
        // every application of escalation.requested announces another incident.escalated: a second one would show
        EscalationRequested request = new EscalationRequested(id, "Runbook step 3 needs a human", Instant.now());
        UUID requestId = sendEvent(kafka, request);
        sendEvent(kafka, requestId, request); // the same CloudEvent id again, as an at-least-once redelivery
        // marker: a later event of the same incident (same partition), processed after both deliveries
        sendEvent(kafka, new EscalationRequested(id, "marker", Instant.now()));

        List<IncidentEscalated> escalations = data(awaitEvents(kafka, id,
                        l -> data(l, EventType.INCIDENT_ESCALATED, IncidentEscalated.class).stream()
                                .anyMatch(e -> "marker".equals(e.reason()))),
                EventType.INCIDENT_ESCALATED, IncidentEscalated.class);
        assertThat(escalations).extracting(IncidentEscalated::reason)
                .containsExactly("Runbook step 3 needs a human", "marker");
    }

    @Test
    void failedMitigationWhileMonitoringGoesBackToInvestigatingAndEscalationIsRecorded() {
        String id = declare("P2");
        sendEvent(kafka, new MitigationApplied(id, "m1", MitigationAction.RESTART, "svc", null, "bot", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "MONITORING".equals(status(id)));
        sendEvent(kafka, new MitigationFailed(id, "m2", MitigationAction.SCALE, "svc", "quota exceeded", "bot", Instant.now()));
        sendEvent(kafka, new EscalationRequested(id, "Mitigation SCALE failed", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "INVESTIGATING".equals(status(id)));
        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id, l -> hasType(l, EventType.INCIDENT_ESCALATED, 1));
        assertThat(events).isNotEmpty();
    }

    @Test
    void recoveryNotVerifiedSendsAMonitoredIncidentBackToInvestigatingWithTheReason() {
        String id = declare("P2");
        sendEvent(kafka, new MitigationApplied(id, "m1", MitigationAction.ROLLBACK, "svc", null, "bot", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "MONITORING".equals(status(id)));
        sendEvent(kafka, new RecoveryFailed(id, "m1", "error rate 12 % over 1 % after 15 min", Instant.now()));

        List<StatusChanged> changes = data(awaitEvents(kafka, id, l -> hasType(l, EventType.INCIDENT_STATUS_CHANGED, 2)),
                EventType.INCIDENT_STATUS_CHANGED, StatusChanged.class);
        assertThat(changes.get(changes.size() - 1).current()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(changes.get(changes.size() - 1).reason()).contains("Recovery not verified: error rate 12 %");
        assertThat(status(id)).isEqualTo("INVESTIGATING");
    }

    @Test
    void acknowledgeIsIdempotentAndStatusReportsFollowTheRules() {
        String id = declare("P3");
        as("responder").post("/api/incidents/" + id + "/status").then().statusCode(400); // no body
        as("responder").body("{\"status\":\"IDENTIFIED\"}").post("/api/incidents/" + id + "/status")
                .then().statusCode(409); // not acknowledged yet
        as("responder").post("/api/incidents/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("responder-user"));
        String firstAck = as("viewer").get("/api/incidents/" + id).then().extract().path("acknowledgedAt");
        as("commander").body("{\"responder\":\"someone else\"}").post("/api/incidents/" + id + "/acknowledge")
                .then().statusCode(200).body("acknowledgedAt", equalTo(firstAck))
                .body("acknowledgedBy", equalTo("responder-user"));

        as("responder").body("{\"status\":\"RESOLVED\"}").post("/api/incidents/" + id + "/status").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        as("responder").body("{\"status\":\"NAPPING\"}").post("/api/incidents/" + id + "/status").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        as("responder").body("{\"status\":\"IDENTIFIED\",\"note\":\"bad config push\",\"rootCause\":\"Bad config push\"}")
                .post("/api/incidents/" + id + "/status").then().statusCode(200).body("status", equalTo("IDENTIFIED"))
                .body("rootCause", equalTo("Bad config push"));
        as("responder").body("{\"status\":\"MITIGATING\"}").post("/api/incidents/" + id + "/status")
                .then().statusCode(200).body("status", equalTo("MITIGATING"));
        as("responder").body("{\"status\":\"IDENTIFIED\"}").post("/api/incidents/" + id + "/status")
                .then().statusCode(409);
        as("viewer").post("/api/incidents/" + id + "/acknowledge").then().statusCode(403);
        as("responder").post("/api/incidents/INC-19990101-999/acknowledge").then().statusCode(404);
    }

    @Test
    void severityChangeToP1EscalatesAndResolveNeedsARootCause() {
        String id = declare("P3");
        as("responder").body("{\"severity\":\"P1\"}").post("/api/incidents/" + id + "/severity").then().statusCode(403);
        as("commander").body("{\"severity\":\"P9\"}").post("/api/incidents/" + id + "/severity").then().statusCode(400)
                .body("errors.field", hasItem("severity"));
        as("commander").body("{\"severity\":\"P1\",\"reason\":\"more customers affected\"}")
                .post("/api/incidents/" + id + "/severity").then().statusCode(200)
                .body("severity", equalTo("P1")).body("emergencyMode", equalTo(true))
                .body("commander.name", notNullValue());
        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id,
                l -> hasType(l, EventType.INCIDENT_ESCALATED, 1) && hasType(l, EventType.INCIDENT_COMMANDER_ASSIGNED, 1));
        SeverityChanged changed = data(events, EventType.INCIDENT_SEVERITY_CHANGED, SeverityChanged.class).get(0);
        assertThat(changed.previous().name()).isEqualTo("P3");
        assertThat(changed.changedBy()).isEqualTo("commander-user");
        // lowered below P1: out of emergency mode
        as("commander").body("{\"severity\":\"P2\",\"reason\":\"contained\"}")
                .post("/api/incidents/" + id + "/severity").then().statusCode(200)
                .body("severity", equalTo("P2")).body("emergencyMode", equalTo(false));

        as("commander").body("{}").post("/api/incidents/" + id + "/resolve").then().statusCode(400)
                .body("errors.field", hasItem("rootCause"));
        as("responder").body("{\"rootCause\":\"x\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(403);
        as("commander").body("{\"rootCause\":\"Expired TLS certificate on the load balancer\"}")
                .post("/api/incidents/" + id + "/resolve").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolvedAt", notNullValue())
                .body("rootCause", equalTo("Expired TLS certificate on the load balancer"));
        as("commander").body("{\"rootCause\":\"again\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(409);
        IncidentResolved resolved = data(awaitEvents(kafka, id, l -> hasType(l, EventType.INCIDENT_RESOLVED, 1)),
                EventType.INCIDENT_RESOLVED, IncidentResolved.class).get(0);
        assertThat(resolved.resolvedBy()).isEqualTo("commander-user");
        assertThat(resolved.mitigatedAt()).isNull();
        assertThat(resolved.startedAt()).isNotNull();

        // resolved: the same dedup key declares a new incident
        as("viewer").queryParam("status", "RESOLVED").queryParam("size", 100).get("/api/incidents").then().statusCode(200)
                .body("items.id", hasItem(id));
        as("viewer").queryParam("status", "SLEEPING").get("/api/incidents").then().statusCode(400);
    }

    @Test
    void manualDeclarationAndListing() {
        String service = unique("manual");
        var created = as("responder").body(alert(service, "Customers report login failures", "P2"))
                .post("/api/incidents").then().statusCode(201).body("outcome", equalTo("declared")).extract();
        String id = created.path("incidentId");
        assertThat(created.header("Location")).endsWith("/api/incidents/" + id);
        as("responder").body(alert(service, "Customers report login failures", "P2"))
                .post("/api/incidents").then().statusCode(200).body("outcome", equalTo("attached"))
                .body("incidentId", equalTo(id));
        as("viewer").body(alert(service, "x", "P2")).post("/api/incidents").then().statusCode(403);
        as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents").then().statusCode(200)
                .body("items.id", hasItem(id)).body("page", equalTo(0)).body("size", equalTo(100));
        as("viewer").get("/api/incidents/" + id).then().body("source", equalTo("manual"));
        as("viewer").get("/api/incidents/INC-19990101-999").then().statusCode(404);
        io.restassured.RestAssured.given().get("/api/incidents").then().statusCode(401);
    }
}
