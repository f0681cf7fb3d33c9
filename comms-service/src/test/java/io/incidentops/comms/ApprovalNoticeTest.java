package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.InjectWireMock;
import io.incidentops.comms.support.Mails;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.comms.support.WebhookReceiverResource;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code mitigation.approval-requested}: the commander is told on their channels (their e-mail contact, and the Slack
 * they were paged on), once per request however often it arrives, and nobody else; with no commander known, the
 * people paged for the incident are told instead. The responders' webhook (the team's room) is told once per request,
 * without the one-click links.
 */
@QuarkusTest
class ApprovalNoticeTest extends EventsTest {

    GreenMail smtp;

    ChannelServers channels;

    @InjectWireMock
    WireMockServer webhooks;

    @Test
    void theCommanderIsToldOnTheirChannelsOncePerRequestDespiteRedelivery() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String mail = TestIds.unique("sofia") + "@example.com";
        String slackUser = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        events.send(TestEvents.declared(incidentId, Severity.P1, "checkout", "elevated error rates", "failed payments",
                Instant.now().minus(5, ChronoUnit.MINUTES)));
        events.send(new CommanderAssigned(incidentId, new Responder("Sofia", "commander", mail), Instant.now()));
        events.send(page(incidentId, "PSOFIA", "Sofia", "slack", slackUser));
        // someone else paged for the incident is not the commander: not told while a commander is known
        events.send(page(incidentId, "PONA", "Ona", "email", TestIds.unique("ona") + "@example.com"));
        MitigationApprovalRequested request = request(incidentId, "primary region down");
        MitigationApprovalRequested marker = repeatedThenAMarker(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> notices(incidentId).size() == 4);
        List<Map<String, Object>> notices = notices(incidentId);
        assertThat(notices).extracting(n -> n.get("channel") + " " + n.get("target")).containsExactlyInAnyOrder(
                "email " + mail, "slack " + slackUser, "email " + mail, "slack " + slackUser);

        String subject = "[P1] " + incidentId + " approval needed: FAILOVER of checkout";
        await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(smtp, mail).size() == 2);
        List<MimeMessage> mails = Mails.to(smtp, mail).stream()
                .filter(m -> body(m).contains(request.approveUrl())).toList();
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo(subject);
        assertThat(body(mails.get(0))).contains("Sofia, a mitigation of incident " + incidentId,
                "Action: FAILOVER of checkout", "Why it waits: FAILOVER always needs a commander's approval",
                "Requested by bob", "primary region down", "Approve: POST " + request.approveUrl(),
                "Reject: POST " + request.rejectUrl());

        WireMockServer wire = channels.server();
        await().atMost(Duration.ofSeconds(30)).until(() -> slackNotices(wire, slackUser, marker) == 1);
        assertThat(slackNotices(wire, slackUser, request)).isEqualTo(1);
    }

    @Test
    void withNoCommanderThePeoplePagedForTheIncidentAreTold() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String primary = TestIds.unique("oncall") + "@example.com";
        String secondary = TestIds.unique("backup") + "@example.com";
        events.send(TestEvents.declared(incidentId, Severity.P2, "search", "slow queries", null,
                Instant.now().minus(5, ChronoUnit.MINUTES)));
        events.send(page(incidentId, "PONE", "Ona", "email", primary));
        events.send(page(incidentId, "PTWO", "Tom", "email", secondary));
        MitigationApprovalRequested request = request(incidentId, "index rebuild stuck");
        events.send(request);

        for (String address : List.of(primary, secondary)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(smtp, address).stream()
                    .anyMatch(m -> body(m).contains(request.approveUrl())));
        }
        List<Map<String, Object>> notices = notices(incidentId);
        assertThat(notices).extracting(n -> n.get("target")).containsExactlyInAnyOrder(primary, secondary);
        assertThat(notices).allSatisfy(n -> assertThat(n.get("status")).isIn("pending", "sent"));
    }

    @Test
    void theOneClickLinksGoOnlyToThePersonTheyWereSignedFor() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String mail = TestIds.unique("sofia") + "@example.com";
        events.send(TestEvents.declared(incidentId, Severity.P1, "checkout", "elevated error rates", null,
                Instant.now().minus(5, ChronoUnit.MINUTES)));
        events.send(new CommanderAssigned(incidentId, new Responder("Sofia", "commander", mail), Instant.now()));
        MitigationApprovalRequested forSofia = signed(request(incidentId, "for sofia"), "sofia");
        // signed for a commander who was replaced meanwhile: Sofia may not act with their links
        MitigationApprovalRequested forOther = signed(request(incidentId, "for the previous commander"), "Pat");
        events.send(forSofia);
        events.send(forOther);

        await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(smtp, mail).size() == 2);
        String sofias = Mails.to(smtp, mail).stream().map(ApprovalNoticeTest::body)
                .filter(b -> b.contains("for sofia")).findFirst().orElseThrow();
        assertThat(sofias).contains("Decide in one click", "Approve: " + forSofia.approveLink(),
                "Reject: " + forSofia.rejectLink()).doesNotContain("POST");
        String others = Mails.to(smtp, mail).stream().map(ApprovalNoticeTest::body)
                .filter(b -> b.contains("for the previous commander")).findFirst().orElseThrow();
        assertThat(others).contains("Approve: POST " + forOther.approveUrl())
                .doesNotContain(forOther.approveLink(), forOther.rejectLink(), "one click");
    }

    @Test
    void theRespondersRoomHearsOfTheRequestOnceWithTheApiEndpointsNeverTheOneClickLinks() {
        String incidentId = TestIds.newIncidentId();
        events.send(TestEvents.declared(incidentId, Severity.P1, "checkout", "elevated error rates", null,
                Instant.now().minus(5, ChronoUnit.MINUTES)));
        events.send(new CommanderAssigned(incidentId, new Responder("Sofia", "commander",
                TestIds.unique("sofia") + "@example.com"), Instant.now()));
        MitigationApprovalRequested r = signed(request(incidentId, "primary region down"), "Sofia");
        MitigationApprovalRequested request = new MitigationApprovalRequested(r.incidentId(), r.mitigationId(),
                r.action(), r.target(), "prod/checkout", "switch traffic to eu-west-2", r.reason(), r.approvalReason(),
                r.severity(), r.requestedBy(), r.requestedAt(), r.approveUrl(), r.rejectUrl(), r.linkFor(),
                r.approveLink(), r.rejectLink());
        MitigationApprovalRequested marker = repeatedThenAMarker(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> roomPosts(marker).size() == 1);
        List<String> posts = roomPosts(request);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0)).contains("[P1] " + incidentId + " approval needed: FAILOVER of checkout",
                "Action: FAILOVER of checkout (Deployment prod/checkout)",
                "What it would change: switch traffic to eu-west-2",
                "Why it waits: FAILOVER always needs a commander's approval", "primary region down",
                "Approve: POST " + request.approveUrl(), "Reject: POST " + request.rejectUrl())
                .doesNotContain(request.approveLink(), request.rejectLink(), "one click");
        // the repeats were skipped, not failed on the notice's key and dead-lettered
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            assertThat(kafka.readAll("incident-events.dlq", rec -> incidentId.equals(rec.key()))).isEmpty();
        }
    }

    /**
     * Sends {@code request}, delivers it again under its event id and publishes it again under a new one, then sends a
     * marker: a second request of the incident, returned; once its notices are there, the repeats were handled.
     */
    private MitigationApprovalRequested repeatedThenAMarker(MitigationApprovalRequested request) {
        UUID first = events.send(request);
        events.send(first, request);
        events.send(request);
        MitigationApprovalRequested marker = request(request.incidentId(), "marker");
        events.send(marker);
        return marker;
    }

    /** The bodies posted to the responders' webhook that name {@code request}'s approve endpoint. */
    private List<String> roomPosts(MitigationApprovalRequested request) {
        return webhooks.findAll(postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                        .withRequestBody(containing(request.approveUrl()))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    private static MitigationApprovalRequested signed(MitigationApprovalRequested r, String linkFor) {
        String link = "https://executor.example/approval-links/";
        return new MitigationApprovalRequested(r.incidentId(), r.mitigationId(), r.action(), r.target(), r.workload(),
                r.summary(), r.reason(), r.approvalReason(), r.severity(), r.requestedBy(), r.requestedAt(),
                r.approveUrl(), r.rejectUrl(), linkFor, link + "approve." + r.mitigationId(),
                link + "reject." + r.mitigationId());
    }

    private static MitigationApprovalRequested request(String incidentId, String reason) {
        String mitigation = UUID.randomUUID().toString();
        String base = "https://executor.example/api/incidents/" + incidentId + "/mitigations/" + mitigation;
        return new MitigationApprovalRequested(incidentId, mitigation, MitigationAction.FAILOVER, "checkout", null,
                null, reason, "FAILOVER always needs a commander's approval", Severity.P1, "bob", Instant.now(),
                base + "/approve", base + "/reject");
    }

    private static NotificationRequested page(String incidentId, String userId, String userName, String channel,
                                              String address) {
        return new NotificationRequested(incidentId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1, 1,
                userId, userName, channel, address, "high", Severity.P1, "elevated error rates", "checkout", "tok",
                "http://intake.example/ack/tok", Instant.now().plusSeconds(3600), Instant.now());
    }

    /** The incident's approval notices, as listed. */
    private static List<Map<String, Object>> notices(String incidentId) {
        JsonPath listing = given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200).extract().jsonPath();
        return listing.getList("notifications.findAll { it.purpose == 'approval-request' }");
    }

    private static long slackNotices(WireMockServer wire, String user, MitigationApprovalRequested request) {
        return wire.findAll(postRequestedFor(urlPathEqualTo(ChannelServers.SLACK + "/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user)))
                .withRequestBody(containing(request.approveUrl()))).size();
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
