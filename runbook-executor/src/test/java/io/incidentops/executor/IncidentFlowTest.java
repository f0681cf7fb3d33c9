package io.incidentops.executor;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.executor.RunbookStepCompleted;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentType;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** incident.declared → diagnostics, runbook run, automated steps; manual steps through the confirm endpoint. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class IncidentFlowTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void declaredIncidentGetsDiagnosticsARunbookRunAndAutomatedSteps() {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/diag-svc")).willReturn(aResponse().withStatus(200)));
        double healthChecksBefore = healthChecks();
        double stepsBefore = automatedSteps("rollout-history");
        Instant detected = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String version = "1.4." + UUID.randomUUID().toString().substring(0, 6);
        kafka.send(Topics.DEPLOYMENTS, "diag-svc", "{\"service\":\"diag-svc\",\"version\":\"" + version
                + "\",\"environment\":\"production\",\"deployedAt\":\"" + detected.minus(Duration.ofMinutes(12)) + "\"}", Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/deployments?service=diag-svc").jsonPath().getList("version").contains(version));

        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, "diag-svc", IncidentType.SERVICE_OUTAGE,
                "diag-svc is down", detected));

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.DIAGNOSTICS_COLLECTED) == 1 && count(l, EventType.RUNBOOK_STEP_COMPLETED) == 2);

        DiagnosticsCollected diagnostics = dataOf(events, EventType.DIAGNOSTICS_COLLECTED, DiagnosticsCollected.class).get(0);
        assertThat(diagnostics.service()).isEqualTo("diag-svc");
        assertThat(diagnostics.recentDeployments()).anySatisfy(d -> {
            assertThat(d.version()).isEqualTo(version);
            assertThat(d.environment()).isEqualTo("production");
        });
        assertThat(diagnostics.healthStatus()).isEqualTo("UP");
        assertThat(diagnostics.likelyCause())
                .isEqualTo("Deployment " + version + " of diag-svc 12 min before detection: consider rollback");

        RunbookStarted started = dataOf(events, EventType.RUNBOOK_STARTED, RunbookStarted.class).get(0);
        assertThat(started.runbook()).isEqualTo("service_down");
        assertThat(started.runbookVersion()).isEqualTo("1.0.0");
        assertThat(started.steps()).hasSize(7).startsWith("Verify service health endpoint returns 200 OK");
        assertThat(events.indexOf(events.stream().filter(r -> EventType.RUNBOOK_STARTED.ceType()
                .equals(KafkaTestClient.header(r, "ce_type"))).findFirst().orElseThrow())).isZero();

        List<RunbookStepCompleted> automated = dataOf(events, EventType.RUNBOOK_STEP_COMPLETED, RunbookStepCompleted.class);
        assertThat(automated).extracting(RunbookStepCompleted::step).containsExactlyInAnyOrder(1, 5);
        assertThat(automated).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo("automated");
            assertThat(s.outcome()).isEqualTo("passed");
            assertThat(s.runId()).isEqualTo(started.runId());
        });
        assertThat(automated).filteredOn(s -> s.step() == 5).singleElement()
                .satisfies(s -> assertThat(s.detail()).contains(version).contains("consider rollback"));
        // counted right after their transactions committed, so at most a moment after the events left
        await().atMost(Duration.ofSeconds(5)).until(() -> automatedSteps("rollout-history") >= stepsBefore + 1
                && healthChecks() >= healthChecksBefore + 2); // diagnostics and step 1 each GET the health URL

        String runId = started.runId();
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].runId", equalTo(runId))
                .body("[0].runbook", equalTo("service_down"))
                .body("[0].status", equalTo("RUNNING"))
                .body("[0].steps[0].status", equalTo("DONE"))
                .body("[0].steps[0].outcome", equalTo("passed"))
                .body("[0].steps[1].status", equalTo("AWAITING_CONFIRMATION"));

        // a manual step completes once
        confirm(runId, 2, "{\"outcome\":\"confirmed\",\"note\":\"no crash in logs\"}", responder("alice"))
                .then().statusCode(200).body("outcome", equalTo("confirmed")).body("completedBy", equalTo("alice"));
        confirm(runId, 2, "{\"outcome\":\"confirmed\"}", responder("bob"))
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409));
        // automated steps are not confirmed by hand; unknown runs and steps are 404; bad input is 400
        confirm(runId, 1, "{\"outcome\":\"confirmed\"}", responder("bob")).then().statusCode(409);
        confirm(runId, 99, "{\"outcome\":\"confirmed\"}", responder("bob")).then().statusCode(404);
        confirm(UUID.randomUUID().toString(), 2, "{\"outcome\":\"confirmed\"}", responder("bob")).then().statusCode(404);
        confirm("not-a-run", 2, "{\"outcome\":\"confirmed\"}", responder("bob")).then().statusCode(404);
        confirm(runId, 3, "{\"outcome\":\"done-ish\"}", responder("bob"))
                .then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        confirm(runId, 3, "{\"outcome\":", responder("bob")).then().statusCode(400);
        confirm(runId, 3, "{}", responder("bob")).then().statusCode(400).body("errors[0].field", equalTo("outcome"));
        confirm(runId, 3, "{\"outcome\":\"confirmed\"}", viewer()).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"outcome\":\"confirmed\"}")
                .post("/api/runbook-runs/{run}/steps/{step}/confirm", runId, 3).then().statusCode(401);

        for (int step : new int[]{3, 4, 6, 7}) {
            confirm(runId, step, "{\"outcome\":\"" + (step == 6 ? "skipped" : "confirmed") + "\"}", responder("carol"))
                    .then().statusCode(200);
        }
        events = TestEvents.await(kafka, incident, l -> count(l, EventType.RUNBOOK_COMPLETED) == 1);
        assertThat(dataOf(events, EventType.RUNBOOK_COMPLETED, RunbookCompleted.class).get(0).outcome()).isEqualTo("completed");
        assertThat(dataOf(events, EventType.RUNBOOK_STEP_COMPLETED, RunbookStepCompleted.class))
                .filteredOn(s -> s.step() == 2).singleElement()
                .satisfies(s -> {
                    assertThat(s.completedBy()).isEqualTo("alice");
                    assertThat(s.kind()).isEqualTo("manual");
                    assertThat(s.detail()).isEqualTo("no crash in logs");
                });
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident).then()
                .body("[0].status", equalTo("COMPLETED"));
    }

    @Test
    void anUnreachableHealthEndpointIsAFindingNotAnError() {
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, "down-svc", IncidentType.SERVICE_OUTAGE,
                "down-svc is down", Instant.now()));

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.DIAGNOSTICS_COLLECTED) == 1 && count(l, EventType.RUNBOOK_STEP_COMPLETED) == 2);
        DiagnosticsCollected diagnostics = dataOf(events, EventType.DIAGNOSTICS_COLLECTED, DiagnosticsCollected.class).get(0);
        assertThat(diagnostics.healthStatus()).isEqualTo("DOWN");
        assertThat(diagnostics.healthDetail()).isEqualTo("DOWN: connection refused");
        assertThat(diagnostics.recentDeployments()).isEmpty();
        assertThat(diagnostics.likelyCause()).contains("No deployment of down-svc").contains("connection refused");
        assertThat(dataOf(events, EventType.RUNBOOK_STEP_COMPLETED, RunbookStepCompleted.class))
                .filteredOn(s -> s.step() == 1).singleElement()
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo("failed");
                    assertThat(s.detail()).isEqualTo("DOWN: connection refused");
                });
    }

    @Test
    void aDuplicateDeclarationStartsNoSecondRun() {
        String incident = TestIds.newIncidentId();
        IncidentDeclared declared = TestEvents.declared(incident, "dup-svc", IncidentType.PERFORMANCE_DEGRADATION,
                "dup-svc error rate above 5%", Instant.now());
        TestEvents.sendDeclared(kafka, declared);
        UUID second = TestEvents.sendDeclared(kafka, declared); // same incident, new event ID (a re-publication)
        TestEvents.sendResolved(kafka, incident); // the marker: handled after the duplicate, on the same key

        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident, TestEvents.runAbandoned());
        assertThat(processed(second)).as("the duplicate was handled, not dead-lettered").isTrue();
        assertThat(count(beforeMarker, EventType.RUNBOOK_STARTED)).isEqualTo(1);
        assertThat(dataOf(beforeMarker, EventType.RUNBOOK_STARTED, RunbookStarted.class).get(0).runbook())
                .isEqualTo("high_error_rate");
        // diagnostics come from a worker, in no order with the marker; the incident ID is the key of diagnostic_run,
        // so the duplicate could not have scheduled a second collection without failing its delivery (checked above)
        List<ConsumerRecord<String, String>> all = TestEvents.await(kafka, incident,
                l -> count(l, EventType.DIAGNOSTICS_COLLECTED) >= 1);
        assertThat(count(all, EventType.DIAGNOSTICS_COLLECTED)).isEqualTo(1);
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident).then().statusCode(200)
                .body("$", hasSize(1));
    }

    @Test
    void runsOfAnUnknownIncidentAre404() {
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", "INC-19990101-001").then().statusCode(404);
        given().get("/api/incidents/{id}/runbook-runs", "INC-19990101-001").then().statusCode(401);
    }

    private double automatedSteps(String action) {
        return Counters.count(registry, "incidentops.executor.automated_steps", "action", action, "outcome", "passed");
    }

    private double healthChecks() {
        return Counters.count(registry, "incidentops.executor.health_checks", "status", "UP");
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue() == 1);
    }

    private static io.restassured.response.Response confirm(String runId, int step, String body, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/runbook-runs/{run}/steps/{step}/confirm", runId, step);
    }

    static String viewer() {
        return InfraTestResource.token("vera", "viewer");
    }

    static String responder(String name) {
        return InfraTestResource.token(name, "responder");
    }
}
