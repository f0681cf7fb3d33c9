package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.model.Responder;
import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.mitigation.ApprovalLinks;
import io.incidentops.platform.link.LinkTokens;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
import static org.hamcrest.Matchers.not;

/**
 * The one-click approve and reject links: signed for the incident's commander, GET shows what would be done and changes
 * nothing, only the form's POST decides (as the link's person, "by link"), once; forged, expired and replaced
 * commanders' links change nothing.
 */
@QuarkusTest
class ApprovalLinkTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    IncidentDirectory incidents;

    @Inject
    ApprovalLinks links;

    @ConfigProperty(name = "incidentops.executor.approval-links.signing-secret")
    String linksSecret;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theApproveLinkShowsWhatWouldBeDoneAndOnlyItsPostApprovesOnce() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/failover")).willReturn(aResponse().withStatus(200)));
        String incident = declareWithCommander("link-svc", "Carol Commander");
        String id = requestFailover(incident);
        MitigationApprovalRequested asked = requested(incident, id);
        assertThat(asked.linkFor()).isEqualTo("Carol Commander");
        assertThat(asked.approveLink()).startsWith("https://executor.incidentops.test/approval-links/");
        assertThat(asked.rejectLink()).startsWith("https://executor.incidentops.test/approval-links/")
                .isNotEqualTo(asked.approveLink());
        String approve = URI.create(asked.approveLink()).getPath();

        // a mail scanner opening the link changes nothing
        for (int i = 0; i < 2; i++) {
            given().get(approve).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("Approve FAILOVER of link-svc?"))
                    .body(containsString("FAILOVER always needs a commander&#39;s approval"))
                    .body(containsString("you decide as Carol Commander"))
                    .body(containsString("primary region down"));
        }
        status(incident, id, "AWAITING_APPROVAL");

        // forged (the signature of another token) and expired tokens: 403, nothing changed
        String forged = approve.substring(0, approve.lastIndexOf('.') + 1)
                + asked.rejectLink().substring(asked.rejectLink().lastIndexOf('.') + 1);
        given().post(forged).then().statusCode(403).body(containsString("not valid or has expired"));
        String expired = links.token(new ApprovalLinks.Claim(incident, UUID.fromString(id),
                ApprovalLinks.Decision.APPROVE, "Carol Commander", Instant.now().minusSeconds(5)));
        given().post("/approval-links/" + expired).then().statusCode(403);
        given().get("/approval-links/" + expired).then().statusCode(403);
        given().post("/approval-links/not-a-token").then().statusCode(403);
        // signed with the executor's own secret, but for another use (intake's ack links): refused
        String otherUse = LinkTokens.fromSecret("links", Optional.of(linksSecret), "runbook-executor", Clock.systemUTC())
                .sign("incident-ack", "Carol Commander", Map.of("incident", incident, "mitigation", id,
                        "decision", "APPROVE"), Duration.ofMinutes(5));
        given().post("/approval-links/" + otherUse).then().statusCode(403);
        status(incident, id, "AWAITING_APPROVAL");
        assertThat(failoverCalls(incident)).isZero();

        given().post(approve).then().statusCode(200).body(containsString("FAILOVER of link-svc: APPLIED"))
                .body(containsString("Approved by Carol Commander"));
        // used again: 409, the decision shown, the action not carried out again
        given().post(approve).then().statusCode(409).body(containsString("changed nothing"));
        given().get(approve).then().statusCode(200).body(containsString("APPLIED"))
                .body(not(containsString("<form")));
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations/{m}", incident, id).then()
                .body("status", equalTo("APPLIED"))
                .body("approval.approvedBy", equalTo("Carol Commander"))
                .body("approval.via", equalTo("link"));

        List<ConsumerRecord<String, String>> before = beforeANewRequest(incident);
        List<MitigationApproved> approved = dataOf(before, EventType.MITIGATION_APPROVED, MitigationApproved.class);
        assertThat(approved).hasSize(1);
        assertThat(approved.get(0).approvedBy()).isEqualTo("Carol Commander (by link)");
        assertThat(count(before, EventType.MITIGATION_APPLIED)).isEqualTo(1);
        assertThat(failoverCalls(incident)).isEqualTo(1);
    }

    @Test
    void theRejectLinkNeedsAReasonAndRejectsAsThePersonItWasSentTo() {
        String incident = declareWithCommander("link-reject-svc", "Carol Commander");
        String id = requestFailover(incident);
        MitigationApprovalRequested asked = requested(incident, id);
        String reject = URI.create(asked.rejectLink()).getPath();

        given().contentType(ContentType.URLENC).formParam("reason", " ").post(reject).then().statusCode(400);
        status(incident, id, "AWAITING_APPROVAL");
        given().contentType(ContentType.URLENC).formParam("reason", "secondary region is cold").post(reject)
                .then().statusCode(200).body(containsString("REJECTED"));
        // the approve link of a rejected mitigation acts no more
        given().post(URI.create(asked.approveLink()).getPath()).then().statusCode(409);

        List<MitigationRejected> rejected = dataOf(beforeANewRequest(incident), EventType.MITIGATION_REJECTED,
                MitigationRejected.class);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).rejectedBy()).isEqualTo("Carol Commander (by link)");
        assertThat(rejected.get(0).reason()).isEqualTo("secondary region is cold");
        assertThat(failoverCalls(incident)).isZero();
    }

    @Test
    void aLinkStopsWorkingWhenItsCommanderIsReplacedAndNoneIsSignedWithoutACommander() {
        String incident = declareWithCommander("link-replaced-svc", "Carol Commander");
        String id = requestFailover(incident);
        String approve = URI.create(requested(incident, id).approveLink()).getPath();
        assign(incident, "Dave Deputy");

        given().get(approve).then().statusCode(403).body(containsString("no longer the incident&#39;s commander"));
        given().post(approve).then().statusCode(403);
        status(incident, id, "AWAITING_APPROVAL");

        String none = MitigationTest.declare(kafka, "link-nobody-svc");
        MitigationApprovalRequested unsigned = requested(none, requestFailover(none));
        assertThat(unsigned.linkFor()).isNull();
        assertThat(unsigned.approveLink()).isNull();
        assertThat(unsigned.rejectLink()).isNull();
        assertThat(unsigned.approveUrl()).endsWith("/approve");
    }

    private String declareWithCommander(String service, String commander) {
        String incident = MitigationTest.declare(kafka, service);
        assign(incident, commander);
        return incident;
    }

    private void assign(String incident, String commander) {
        kafka.sendEvent("/incidentops/incident-intake", new CommanderAssigned(incident,
                new Responder(commander, "commander", "carol@example.test"), Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> commander.equals(incidents.find(incident).orElseThrow().commander)));
    }

    private static String requestFailover(String incident) {
        return given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"primary region down\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(202)
                .extract().path("mitigationId");
    }

    private MitigationApprovalRequested requested(String incident, String id) {
        return dataOf(TestEvents.await(kafka, incident, l -> dataOf(l, EventType.MITIGATION_APPROVAL_REQUESTED,
                        MitigationApprovalRequested.class).stream().anyMatch(r -> r.mitigationId().equals(id))),
                EventType.MITIGATION_APPROVAL_REQUESTED, MitigationApprovalRequested.class).stream()
                .filter(r -> r.mitigationId().equals(id)).findFirst().orElseThrow();
    }

    private static void status(String incident, String id, String expected) {
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations/{m}", incident, id).then()
                .body("status", equalTo(expected));
    }

    private List<ConsumerRecord<String, String>> beforeANewRequest(String incident) {
        String marker = requestFailover(incident);
        return TestEvents.before(kafka, incident, r -> EventType.MITIGATION_APPROVAL_REQUESTED.ceType()
                .equals(KafkaTestClient.header(r, "ce_type")) && r.value().contains(marker));
    }

    private static int failoverCalls(String incident) {
        return WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/failover"))
                .withRequestBody(containing(incident))).size();
    }
}
