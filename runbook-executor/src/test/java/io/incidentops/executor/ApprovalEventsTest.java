package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

/**
 * A mitigation that waits for a commander is announced (mitigation.approval-requested, with what it would do and why
 * it waits), and so is the commander's decision (mitigation.approved / mitigation.rejected), each once; the approval
 * rule judges a request on the incident's severity as it is now (incident.severity-changed).
 */
@QuarkusTest
class ApprovalEventsTest {

    private static final String COMMANDER = InfraTestResource.token("cmd", "commander");

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aWaitingMitigationIsAnnouncedWithWhyAndItsApprovalOnceHowOftenItIsApproved() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/failover")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "approve-svc");
        String id = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"primary region down\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(202)
                .body("approval.why", equalTo("FAILOVER always needs a commander's approval"))
                .extract().path("mitigationId");

        MitigationApprovalRequested asked = dataOf(TestEvents.await(kafka, incident,
                l -> count(l, EventType.MITIGATION_APPROVAL_REQUESTED) == 1), EventType.MITIGATION_APPROVAL_REQUESTED,
                MitigationApprovalRequested.class).get(0);
        assertThat(asked.mitigationId()).isEqualTo(id);
        assertThat(asked.action()).isEqualTo(MitigationAction.FAILOVER);
        assertThat(asked.target()).isEqualTo("approve-svc");
        assertThat(asked.workload()).as("a webhook action has no workload").isNull();
        assertThat(asked.summary()).as("nor a dry run").isNull();
        assertThat(asked.reason()).isEqualTo("primary region down");
        assertThat(asked.approvalReason()).isEqualTo("FAILOVER always needs a commander's approval");
        assertThat(asked.severity()).isEqualTo(Severity.P1);
        assertThat(asked.requestedBy()).isEqualTo("bob");
        assertThat(asked.requestedAt()).isNotNull();
        String links = "https://executor.incidentops.test/api/incidents/" + incident + "/mitigations/" + id;
        assertThat(asked.approveUrl()).isEqualTo(links + "/approve");
        assertThat(asked.rejectUrl()).isEqualTo(links + "/reject");

        given().auth().oauth2(COMMANDER).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(200).body("status", equalTo("APPLIED"));
        // a second approval does not carry the action out again, and says so: 409, nothing announced
        given().auth().oauth2(COMMANDER).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("does not await approval (it is APPLIED)"));

        List<ConsumerRecord<String, String>> before = beforeANewRequest(incident);
        List<MitigationApproved> approved = dataOf(before, EventType.MITIGATION_APPROVED, MitigationApproved.class);
        assertThat(approved).hasSize(1);
        assertThat(approved.get(0).mitigationId()).isEqualTo(id);
        assertThat(approved.get(0).action()).isEqualTo(MitigationAction.FAILOVER);
        assertThat(approved.get(0).approvedBy()).isEqualTo("cmd");
        assertThat(approved.get(0).approvedAt()).isNotNull();
        assertThat(count(before, EventType.MITIGATION_APPLIED)).isEqualTo(1);
        assertThat(failoverCalls(incident)).isEqualTo(1);
    }

    @Test
    void aRejectedMitigationIsNeverCarriedOutAndTheRejectionIsAnnouncedOnce() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/failover")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "reject-svc");
        String path = "/api/incidents/" + incident + "/mitigations";
        String id = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"primary region down\"}")
                .post(path).then().statusCode(202).extract().path("mitigationId");

        given().auth().oauth2(COMMANDER).contentType(ContentType.JSON).body("{}")
                .post(path + "/{m}/reject", id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("reason"));
        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON).body("{\"reason\":\"no\"}")
                .post(path + "/{m}/reject", id).then().statusCode(403);
        given().auth().oauth2(COMMANDER).contentType(ContentType.JSON).body("{\"reason\":\"no\"}")
                .post(path + "/{m}/reject", "not-a-uuid").then().statusCode(404);
        given().auth().oauth2(viewer()).get(path + "/{m}", id).then().body("status", equalTo("AWAITING_APPROVAL"));

        given().auth().oauth2(COMMANDER).contentType(ContentType.JSON)
                .body("{\"reason\":\"the secondary region is not warmed up\"}")
                .post(path + "/{m}/reject", id).then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("approval.state", equalTo("REJECTED"))
                .body("approval.rejectedBy", equalTo("cmd"))
                .body("approval.rejectionReason", equalTo("the secondary region is not warmed up"));
        given().auth().oauth2(COMMANDER).contentType(ContentType.JSON).body("{\"reason\":\"again\"}")
                .post(path + "/{m}/reject", id).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(COMMANDER).post(path + "/{m}/approve", id).then().statusCode(409)
                .body("detail", containsString("it is REJECTED"));

        List<ConsumerRecord<String, String>> before = beforeANewRequest(incident);
        List<MitigationRejected> rejected = dataOf(before, EventType.MITIGATION_REJECTED, MitigationRejected.class);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).mitigationId()).isEqualTo(id);
        assertThat(rejected.get(0).action()).isEqualTo(MitigationAction.FAILOVER);
        assertThat(rejected.get(0).target()).isEqualTo("reject-svc");
        assertThat(rejected.get(0).rejectedBy()).isEqualTo("cmd");
        assertThat(rejected.get(0).reason()).isEqualTo("the secondary region is not warmed up");
        assertThat(rejected.get(0).rejectedAt()).isNotNull();
        assertThat(count(before, EventType.MITIGATION_APPROVED)).isZero();
        assertThat(count(before, EventType.MITIGATION_APPLIED) + count(before, EventType.MITIGATION_FAILED)).isZero();
        assertThat(failoverCalls(incident)).isZero();
    }

    @Test
    void theApprovalRuleJudgesTheIncidentsCurrentSeverity() {
        String incident = TestIds.newIncidentId();
        IncidentDeclared p1 = TestEvents.declared(incident, "severity-svc", IncidentType.SERVICE_OUTAGE,
                "severity-svc errors", Instant.now());
        TestEvents.sendDeclared(kafka, new IncidentDeclared(p1.incidentId(), p1.title(), p1.description(),
                p1.service(), Severity.P3, p1.type(), p1.status(), p1.source(), p1.dedupKey(), p1.labels(),
                p1.customerImpact(), p1.startedAt(), p1.detectedAt()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/runbook-runs", incident).statusCode() == 200);
        String rollback = "{\"action\":\"ROLLBACK\",\"reason\":\"1.4.2 broke it\"}";
        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON).body(rollback)
                .post("/api/incidents/{id}/mitigations/preview", incident).then().statusCode(200)
                .body("approvalRequired", equalTo(true));

        kafka.sendEvent("/incidentops/incident-intake", new SeverityChanged(incident, Severity.P3, Severity.P1,
                "customers affected", "cmd", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(responder("bob"))
                .contentType(ContentType.JSON).body(rollback)
                .post("/api/incidents/{id}/mitigations/preview", incident).then().statusCode(200)
                .extract().<Boolean>path("approvalRequired") == Boolean.FALSE);
    }

    /**
     * Marker: a new FAILOVER request of the incident, which waits for approval; the executor's events of the incident
     * before its approval-requested are complete (one relay, in the order they were written).
     */
    private List<ConsumerRecord<String, String>> beforeANewRequest(String incident) {
        String marker = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"marker\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(202)
                .extract().path("mitigationId");
        return TestEvents.before(kafka, incident, r -> EventType.MITIGATION_APPROVAL_REQUESTED.ceType()
                .equals(KafkaTestClient.header(r, "ce_type")) && r.value().contains(marker));
    }

    private static int failoverCalls(String incident) {
        return WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/failover"))
                .withRequestBody(containing(incident))).size();
    }
}
