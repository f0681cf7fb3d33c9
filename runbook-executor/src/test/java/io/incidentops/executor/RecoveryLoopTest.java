package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static org.hamcrest.Matchers.nullValue;

/**
 * The loop back (seed step 6 -> 5): each {@code recovery.failed} makes the next entry of the runbook's ordered
 * {@code alternatives:} a mitigation awaiting a commander's approval, even one the approval rule would let through.
 */
@QuarkusTest
class RecoveryLoopTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void eachFailedRecoveryProposesTheNextAlternativeWhichWaitsForApproval() {
        // service_down's alternatives: RESTART, ROLLBACK, FAILOVER; the service never gets healthy
        WireMockResource.server().stubFor(get(urlEqualTo("/health/loop-svc")).willReturn(aResponse().withStatus(503)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/scale")).willReturn(aResponse().withStatus(200)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/restart")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "loop-svc");
        String path = "/api/incidents/" + incident + "/mitigations";

        given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"parameters\":{\"replicas\":6},\"reason\":\"saturated\"}")
                .post(path).then().statusCode(201);
        TestEvents.await(kafka, incident, l -> count(l, EventType.RECOVERY_FAILED) == 1);

        await().atMost(Duration.ofSeconds(30)).until(() -> mitigations(path) == 2);
        String proposal = given().auth().oauth2(viewer()).get(path).then().statusCode(200)
                .body("[0].alternative", nullValue())
                .body("[1].action", equalTo("RESTART"))
                .body("[1].target", equalTo("loop-svc"))
                .body("[1].status", equalTo("AWAITING_APPROVAL"))
                .body("[1].approval.state", equalTo("REQUIRED"))
                .body("[1].alternative", equalTo(1))
                .body("[1].requestedBy", equalTo("runbook:service_down"))
                .body("[1].reason", containsString("restart its pods. Proposed because recovery failed: "))
                .extract().path("[1].mitigationId");
        // a P1 restart is automatic for a person's request; a proposal is not applied before a commander approves
        assertThat(restartCalls(incident)).isZero();
        MitigationApprovalRequested asked = dataOf(TestEvents.await(kafka, incident,
                l -> count(l, EventType.MITIGATION_APPROVAL_REQUESTED) == 1), EventType.MITIGATION_APPROVAL_REQUESTED,
                MitigationApprovalRequested.class).get(0);
        assertThat(asked.mitigationId()).isEqualTo(proposal);
        assertThat(asked.action()).isEqualTo(MitigationAction.RESTART);
        assertThat(asked.requestedBy()).isEqualTo("runbook:service_down");
        assertThat(asked.approvalReason()).contains("after a failed recovery");

        given().auth().oauth2(InfraTestResource.token("cmd", "commander"))
                .post(path + "/{m}/approve", proposal).then().statusCode(200)
                .body("status", equalTo("APPLIED")).body("approval.approvedBy", equalTo("cmd"));
        assertThat(restartCalls(incident)).isEqualTo(1);

        // the restart did not hold either: the next entry, ROLLBACK, is proposed
        TestEvents.await(kafka, incident, l -> count(l, EventType.RECOVERY_FAILED) == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> mitigations(path) == 3);
        given().auth().oauth2(viewer()).get(path).then().body("$", hasSize(3))
                .body("[2].action", equalTo("ROLLBACK"))
                .body("[2].alternative", equalTo(2))
                .body("[2].status", equalTo("AWAITING_APPROVAL"));
    }

    private static int mitigations(String path) {
        return given().auth().oauth2(viewer()).get(path).then().statusCode(200).extract().path("size()");
    }

    private static int restartCalls(String incident) {
        return WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/restart"))
                .withRequestBody(containing(incident))).size();
    }
}
