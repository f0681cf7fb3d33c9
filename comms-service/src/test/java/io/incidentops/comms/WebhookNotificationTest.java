package io.incidentops.comms;

import io.incidentops.testsupport.TestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.incidentops.comms.support.InjectWireMock;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.comms.support.WebhookReceiverResource;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.StatusPageClient.component;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Internal notices go out as signed, Slack-compatible webhooks, delivered through the database with retries. */
@QuarkusTest
class WebhookNotificationTest extends EventsTest {

    /** The test profile's secret (application.properties), decoded here independently of the signer. */
    private static final byte[] SECRET = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @InjectWireMock
    WireMockServer webhooks;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void p2DeclaredSendsASignedStakeholderNoticeAndNothingPublic() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("reports");
        events.send(TestEvents.declared(incidentId, Severity.P2, service, "<!channel> exports slow & flaky",
                "slow exports", Instant.now().minusSeconds(300)));

        List<LoggedRequest> received = awaitRequests(WebhookReceiverResource.STAKEHOLDERS, incidentId, 1);
        LoggedRequest request = received.get(0);
        String body = request.getBodyAsString();
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        assertThat(id).startsWith("msg_");
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 300, Instant.now().getEpochSecond() + 300);
        assertThat(request.getHeader("webhook-signature")).isEqualTo("v1," + hmac(id + "." + timestamp + "." + body));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");

        JsonNode payload = json.readTree(body);
        String text = payload.get("text").asText();
        assertThat(text).startsWith("[P2 Medium] " + incidentId + " declared: ").contains("[P2 Medium] " + incidentId + " declared")
                .contains("Service: " + service)
                .contains("Response target: &lt; 1 h")
                .contains("No public status-page incident");
        // alert text cannot ping a channel or forge a link in Slack
        assertThat(text).contains("&lt;!channel&gt; exports slow &amp; flaky").doesNotContain("<!channel>");

        NotificationSent sent = EventCodec.decode(NotificationSent.class,
                events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 1).get(0).value());
        assertThat(sent.channel()).isEqualTo("webhook");
        assertThat(sent.audience()).isEqualTo("stakeholders");
        assertThat(sent.kind()).isEqualTo("initial");
        assertThat(sent.destination()).isEqualTo("stakeholders-webhook"); // never the URL: it is a secret

        // marker: the resolution notice; anything public the declaration caused would be on the topic before it
        events.send(TestEvents.resolved(incidentId, Severity.P2, service, "exports slow", "a slow disk",
                Instant.now().minusSeconds(300), Instant.now()));
        List<ConsumerRecord<String, String>> upToResolution = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_NOTIFICATION_SENT, NotificationSent.class, n -> "resolution".equals(n.kind())));
        assertThat(upToResolution).noneMatch(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED));
        assertThat(component("/api/v2/components.json", service)).isEmpty();
    }

    @Test
    void aFailingWebhookIsRetriedUntilItAcceptsTheMessage() {
        String incidentId = TestIds.newIncidentId();
        WebhookReceiverResource.respondersFailOnce(webhooks, incidentId);

        // P3: nothing public, a responder notice only
        events.send(TestEvents.declared(incidentId, Severity.P3, TestIds.unique("batch"), "nightly job late",
                null, Instant.now().minusSeconds(60)));

        List<LoggedRequest> attempts = awaitRequests(WebhookReceiverResource.RESPONDERS, incidentId, 2);
        assertThat(attempts.get(0).getHeader("webhook-id")).isEqualTo(attempts.get(1).getHeader("webhook-id"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath notifications = notifications(incidentId);
            assertThat(notifications.getString("[0].delivery.status")).isEqualTo("delivered");
            assertThat(notifications.getInt("[0].delivery.attempts")).isEqualTo(2);
            assertThat(notifications.getInt("[0].delivery.lastStatus")).isEqualTo(200);
        });
    }

    @Test
    void aRefusedMessageIsMarkedFailedWithoutRetries() {
        String incidentId = TestIds.newIncidentId();
        webhooks.stubFor(post(urlPathEqualTo(WebhookReceiverResource.RESPONDERS)).atPriority(1)
                .withRequestBody(containing(incidentId)).willReturn(aResponse().withStatus(400).withBody("invalid_payload")));

        events.send(TestEvents.declared(incidentId, Severity.P4, TestIds.unique("docs"), "typo on docs page",
                null, Instant.now().minusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(notifications(incidentId).getString("[0].delivery.status")).isEqualTo("failed"));
        assertThat(notifications(incidentId).getInt("[0].delivery.attempts")).isEqualTo(1);
        webhooks.verify(1, postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                .withRequestBody(containing(incidentId)));
    }

    /**
     * A receiver that answers 200 and then sends its body for an hour (a byte every half second; WireMock's dribble
     * sends the headers with the first byte): the status decides the delivery, so it is delivered once, and the
     * worker is not held by the body (before, it waited for the whole body, and a lease that ran out meanwhile let
     * another round post the message again).
     */
    @Test
    void aReceiverThatStallsAfterItsStatusHasTheMessageOnce() {
        String incidentId = TestIds.newIncidentId();
        webhooks.stubFor(post(urlPathEqualTo(WebhookReceiverResource.RESPONDERS)).atPriority(1)
                .withRequestBody(containing(incidentId))
                .willReturn(aResponse().withStatus(200).withBody("ok".repeat(4096))
                        .withChunkedDribbleDelay(7200, 3_600_000)));

        events.send(TestEvents.declared(incidentId, Severity.P3, TestIds.unique("queue"), "consumer lag growing",
                null, Instant.now().minusSeconds(60)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath notifications = notifications(incidentId);
            assertThat(notifications.getString("[0].delivery.status")).isEqualTo("delivered");
            assertThat(notifications.getInt("[0].delivery.attempts")).isEqualTo(1);
        });
        webhooks.verify(1, postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                .withRequestBody(containing(incidentId)));
    }

    private JsonPath notifications(String incidentId) {
        return given().auth().oauth2(InfraTestResource.token("viewer-test", "viewer"))
                .queryParam("incidentId", incidentId)
                .when().get("/api/notifications").then().statusCode(200).extract().jsonPath();
    }

    private List<LoggedRequest> awaitRequests(String path, String incidentId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks.findAll(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(containing(incidentId))).size() >= count);
        return webhooks.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(incidentId)));
    }

    private static String hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
