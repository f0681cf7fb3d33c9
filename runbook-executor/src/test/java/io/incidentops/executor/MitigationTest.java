package io.incidentops.executor;

import io.incidentops.testsupport.TestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.IncidentFlowTest.responder;
import static io.incidentops.executor.IncidentFlowTest.viewer;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Mitigations through signed action webhooks, and the recovery verification that follows. */
@QuarkusTest
class MitigationTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MeterRegistry registry;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSuccessfulMitigationIsSignedAppliedAndRecoveryIsVerifiedAfterTheWindow() throws Exception {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/mitig-svc")).willReturn(aResponse().withStatus(200)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(202)));
        String incident = declare(kafka, "mitig-svc");

        String location = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"parameters\":{\"version\":\"1.4.1\"},\"reason\":\"1.4.2 broke checkout\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201)
                .body("action", equalTo("ROLLBACK"))
                .body("target", equalTo("mitig-svc"))
                .body("status", equalTo("APPLIED"))
                .body("requestedBy", equalTo("bob"))
                .body("recovery.state", equalTo("VERIFYING"))
                .extract().header("Location");

        LoggedRequest call = WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/rollback"))).stream()
                .filter(r -> r.getBodyAsString().contains(incident)).findFirst().orElseThrow();
        String id = call.getHeader("webhook-id");
        String timestamp = call.getHeader("webhook-timestamp");
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(300);
        assertThat(call.getHeader("webhook-signature")).isEqualTo(WireMockResource.signature(id, timestamp, call.getBodyAsString()));
        JsonNode body = EventCodec.mapper().readTree(call.getBodyAsString());
        assertThat(body.path("incidentId").asText()).isEqualTo(incident);
        assertThat(body.path("action").asText()).isEqualTo("ROLLBACK");
        assertThat(body.path("target").asText()).isEqualTo("mitig-svc");
        assertThat(body.path("parameters").path("version").asText()).isEqualTo("1.4.1");
        assertThat(body.path("reason").asText()).isEqualTo("1.4.2 broke checkout");
        assertThat(body.path("requestedBy").asText()).isEqualTo("bob");
        assertThat(location).endsWith("/api/incidents/" + incident + "/mitigations/" + id);

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_VERIFIED) == 1);
        MitigationApplied applied = dataOf(events, EventType.MITIGATION_APPLIED, MitigationApplied.class).get(0);
        assertThat(applied.action()).isEqualTo(MitigationAction.ROLLBACK);
        assertThat(applied.mitigationId()).isEqualTo(id);
        assertThat(applied.requestedBy()).isEqualTo("bob");
        RecoveryVerified verified = dataOf(events, EventType.RECOVERY_VERIFIED, RecoveryVerified.class).get(0);
        assertThat(verified.mitigationId()).isEqualTo(id);
        assertThat(verified.stableFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(verified.checks()).contains("/health/mitig-svc");
        assertThat(verified.verifiedAt()).isAfter(applied.appliedAt());
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED)).isEqualTo(1); // the marker's own is not before it
        assertThat(count(beforeMarker, EventType.RECOVERY_FAILED)).isZero();

        given().auth().oauth2(viewer()).get(location).then().statusCode(200)
                .body("recovery.state", equalTo("VERIFIED"));
    }

    @Test
    void aFailingActionWebhookIsMitigationFailedAndEscalationWith502() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/restart")).willReturn(aResponse().withStatus(500)));
        String incident = declare(kafka, "fail-svc");
        double failedBefore = restartsFailed();

        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"RESTART\",\"target\":\"fail-svc-pods\",\"reason\":\"pods wedged\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("HTTP 500"));
        assertThat(restartsFailed()).isEqualTo(failedBefore + 1); // counted before the response, after its commit

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.MITIGATION_FAILED) == 1 && count(l, EventType.ESCALATION_REQUESTED) == 1);
        MitigationFailed failed = dataOf(events, EventType.MITIGATION_FAILED, MitigationFailed.class).get(0);
        assertThat(failed.action()).isEqualTo(MitigationAction.RESTART);
        assertThat(failed.target()).isEqualTo("fail-svc-pods");
        assertThat(failed.reason()).contains("HTTP 500");
        assertThat(dataOf(events, EventType.ESCALATION_REQUESTED, EscalationRequested.class).get(0).reason())
                .contains("RESTART");
        TestEvents.sendResolved(kafka, incident);
        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident, TestEvents.runAbandoned());
        assertThat(count(beforeMarker, EventType.MITIGATION_APPLIED)).isZero();
        assertThat(count(beforeMarker, EventType.MITIGATION_FAILED)).isEqualTo(1);
        assertThat(count(beforeMarker, EventType.ESCALATION_REQUESTED)).isEqualTo(1);
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations", incident).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("FAILED")).body("[0].recovery.state", equalTo("NONE"));
    }

    @Test
    void recoveryThatNeverPassesFailsAfterTheTimeoutAndEscalates() {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/flaky-svc")).willReturn(aResponse().withStatus(503)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/scale")).willReturn(aResponse().withStatus(200)));
        String incident = declare(kafka, "flaky-svc");

        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"parameters\":{\"replicas\":6},\"reason\":\"saturated\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(201);

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_FAILED) == 1 && count(l, EventType.ESCALATION_REQUESTED) == 1);
        assertThat(dataOf(events, EventType.RECOVERY_FAILED, RecoveryFailed.class).get(0).reason()).contains("HTTP 503");
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED)).isZero();
        assertThat(count(beforeMarker, EventType.RECOVERY_FAILED)).isEqualTo(1);
        assertThat(count(beforeMarker, EventType.ESCALATION_REQUESTED)).isEqualTo(1);
    }

    @Test
    void withoutAHealthUrlRecoveryIsUnverifiableAndNothingIsAnnounced() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(200)));
        String incident = declare(kafka, "nohealth-svc");

        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"reason\":\"bad deploy\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).body("recovery.state", equalTo("UNVERIFIABLE"))
                .body("recovery.detail", containsString("no health URL configured for nohealth-svc"));
        TestEvents.await(kafka, incident, l -> count(l, EventType.MITIGATION_APPLIED) == 1);
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations", incident).then()
                .body("[0].recovery.state", equalTo("UNVERIFIABLE"));
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED) + count(beforeMarker, EventType.RECOVERY_FAILED)
                + count(beforeMarker, EventType.ESCALATION_REQUESTED)).isZero();
    }

    @Test
    void badInputIs400WithTheFieldAndOtherRefusalsHaveTheirStatus() {
        String incident = declare(kafka, "rb-svc");
        String path = "/api/incidents/" + incident + "/mitigations";
        String bob = responder("bob");

        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":\"ROLLBACK\",")
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":\"REBOOT\",\"reason\":\"x\"}")
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":\"ROLLBACK\"}")
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":42,\"reason\":\"x\"}")
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().auth().oauth2(bob).contentType(ContentType.JSON)
                .post(path).then().statusCode(400);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":\"ROLLBACK\",\"reason\":\"x\"}")
                .post("/api/incidents/INC-19990101-404/mitigations").then().statusCode(404);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"action\":\"HOTFIX\",\"reason\":\"x\"}")
                .post(path).then().statusCode(409).body("detail", containsString("no action configured"));
        given().auth().oauth2(viewer()).contentType(ContentType.JSON).body("{\"action\":\"ROLLBACK\",\"reason\":\"x\"}")
                .post(path).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"action\":\"ROLLBACK\",\"reason\":\"x\"}")
                .post(path).then().statusCode(401);
        // nothing half-written
        given().auth().oauth2(viewer()).get(path).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void failoverWaitsForACommandersApprovalThenGoesToItsSignedWebhook() throws Exception {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/failover")).willReturn(aResponse().withStatus(200)));
        String incident = declare(kafka, "failover-svc");
        String id = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"primary region down\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(202)
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("executor", equalTo("WEBHOOK"))
                .body("approval.state", equalTo("REQUIRED"))
                .extract().path("mitigationId");
        assertThat(failoverCalls(incident)).as("nothing sent before approval").isEmpty();

        given().auth().oauth2(responder("bob")).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(403);
        given().auth().oauth2(InfraTestResource.token("cmd", "commander"))
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(200)
                .body("status", equalTo("APPLIED"))
                .body("approval.approvedBy", equalTo("cmd"));
        LoggedRequest call = failoverCalls(incident).get(0);
        assertThat(call.getHeader("webhook-id")).isEqualTo(id);
        assertThat(call.getHeader("webhook-signature")).isEqualTo(WireMockResource.signature(id,
                call.getHeader("webhook-timestamp"), call.getBodyAsString()));
        assertThat(EventCodec.mapper().readTree(call.getBodyAsString()).path("requestedBy").asText()).isEqualTo("bob");
        given().auth().oauth2(InfraTestResource.token("cmd", "commander"))
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, id).then().statusCode(409);
        given().auth().oauth2(InfraTestResource.token("cmd", "commander"))
                .post("/api/incidents/{id}/mitigations/{m}/undo", incident, id).then().statusCode(409);
        assertThat(failoverCalls(incident)).hasSize(1);
    }

    private static List<LoggedRequest> failoverCalls(String incident) {
        return WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/failover"))).stream()
                .filter(r -> r.getBodyAsString().contains(incident)).toList();
    }

    /**
     * Marker for what the recovery worker announces: a second mitigation of the incident (a RATE_LIMIT of the healthy
     * marker-svc) whose recovery.verified takes at least two rounds of the worker. Whatever the worker published for
     * the incident's earlier mitigations in those rounds came before it. Returns the incident's events before it.
     */
    static List<ConsumerRecord<String, String>> beforeAMarkerRecovery(KafkaTestClient kafka, String incident) {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/marker-svc")).willReturn(aResponse().withStatus(200)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rate-limit")).willReturn(aResponse().withStatus(200)));
        String marker = given().auth().oauth2(responder("mark")).contentType(ContentType.JSON)
                .body("{\"action\":\"RATE_LIMIT\",\"target\":\"marker-svc\",\"reason\":\"test marker\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).body("recovery.state", equalTo("VERIFYING")).extract().path("mitigationId");
        return TestEvents.before(kafka, incident, TestEvents.recoveryVerified(marker));
    }

    private double restartsFailed() {
        return Counters.count(registry, "incidentops.executor.mitigations", "action", "RESTART", "outcome", "failed");
    }

    /** Declares an incident through Kafka and waits until the executor knows it. */
    static String declare(KafkaTestClient kafka, String service) {
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, service, IncidentType.SERVICE_OUTAGE,
                service + " is down", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/runbook-runs", incident).statusCode() == 200);
        return incident;
    }
}
