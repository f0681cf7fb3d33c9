package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.ChannelServersResource;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.ChannelServers.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pages on Slack, Teams, ntfy and Twilio-compatible SMS and voice, against WireMock servers that answer as those
 * providers do: the request each provider receives (shape and auth), what is recorded and listed, retries, the
 * backup SMS provider taking over, and a redelivered request sending nothing more.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ChannelServersResource.class, restrictToAnnotatedClass = false)
class ChannelDeliveryTest extends EventsTest {

    private static final Random RANDOM = new Random();
    private static final String ACK = "http://intake.example/ack/tok.en";

    ChannelServers channels;
    WireMockServer wire;
    String incidentId;

    @BeforeEach
    void setUp() {
        wire = channels.server();
        incidentId = TestIds.newIncidentId();
    }

    static NotificationRequested page(String incidentId, String channel, String address, String urgency) {
        return new NotificationRequested(incidentId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1, 1,
                "PANN01", "Ann Example", channel, address, urgency, Severity.P1, "Checkout <b>slow</b> & @channel",
                "checkout", "tok.en", ACK, Instant.now().plusSeconds(3600), Instant.now());
    }

    /** A phone number no other test uses. */
    static String phone() {
        return "+1555" + (1000000 + RANDOM.nextInt(8999999));
    }

    static String slackUser() {
        return "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** Sends the request and waits until its delivery is no longer pending; returns its listed row. */
    private JsonPath delivered(NotificationRequested page) {
        events.send(page);
        return settled(page);
    }

    private JsonPath settled(NotificationRequested page) {
        String path = "notifications.find { it.id == '" + page.notificationId() + "' }";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Object status = listing().get(path + ".status");
            return status != null && !"pending".equals(status);
        });
        return new JsonPath(listing().prettify()).setRootPath(path);
    }

    private JsonPath listing() {
        return given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void slackPostsADirectMessageWithTheBotTokenAndAnAckButton() {
        String user = slackUser();
        JsonPath row = delivered(page(incidentId, "slack", user, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("provider")).isEqualTo("slack");
        assertThat(row.getString("providerId")).isEqualTo("1700000000.000100");
        assertThat(row.getInt("attempts")).isEqualTo(1);
        assertThat(row.getString("target")).isEqualTo(user);
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user)))
                .withRequestBody(matchingJsonPath("$.text", containing("[P1] " + incidentId)))
                // alert text cannot forge markup or mention everyone
                .withRequestBody(matchingJsonPath("$.text", containing("&lt;b&gt;slow&lt;/b&gt; &amp; @channel")))
                .withRequestBody(matchingJsonPath("$.blocks[0].text.text", containing("You are paged for incident " + incidentId)))
                .withRequestBody(matchingJsonPath("$.blocks[1].elements[0].url", equalTo(ACK))));
    }

    @Test
    void slackOkFalseFailsThePageAtOnce() {
        String user = slackUser();
        wire.stubFor(post(urlPathEqualTo(SLACK + "/chat.postMessage")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        JsonPath row = delivered(page(incidentId, "slack", user, "high"));

        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getInt("attempts")).isEqualTo(1);
        assertThat(row.getString("lastError")).contains("channel_not_found");
    }

    @Test
    void slackRateLimitedIsRetriedAfterItsRetryAfter() {
        String user = slackUser();
        wire.stubFor(post(urlPathEqualTo(SLACK + "/chat.postMessage")).atPriority(1).inScenario(user)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("limited")
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user)))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        JsonPath row = delivered(page(incidentId, "slack", user, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getInt("attempts")).isEqualTo(2);
        wire.verify(2, postRequestedFor(urlPathEqualTo(SLACK + "/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user))));
    }

    @Test
    void teamsGetsAnAdaptiveCardOnTheNamedWebhookOnly() {
        JsonPath row = delivered(page(incidentId, "teams", "oncall", "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        wire.verify(1, postRequestedFor(urlPathEqualTo(TEAMS))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.body[0].inlines[0].text", containing(incidentId)))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.body[1].type", equalTo("RichTextBlock")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("message")))
                .withRequestBody(matchingJsonPath("$.attachments[0].contentType",
                        equalTo("application/vnd.microsoft.card.adaptive")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.type", equalTo("AdaptiveCard")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.version", equalTo("1.4")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.actions[0].type", equalTo("Action.OpenUrl")))
                .withRequestBody(matchingJsonPath("$.attachments[0].content.actions[0].url", equalTo(ACK))));

        // an address that names no configured webhook is recorded with the reason, and nothing is posted anywhere
        NotificationRequested unknown = page(incidentId, "teams", "payments", "high");
        JsonPath other = delivered(unknown);
        assertThat(other.getString("status")).isEqualTo("unconfigured");
        assertThat(other.getString("lastError")).contains("no Teams webhook named 'payments'");
        assertThat(other.getInt("attempts")).isZero();
    }

    @Test
    void ntfyGetsTheTopicWithTitlePriorityTagsClickAndToken() throws Exception {
        String topic = "ann-" + UUID.randomUUID();
        JsonPath row = delivered(page(incidentId, "push", topic, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("providerId")).isEqualTo("ntfy0msg1");
        wire.verify(1, postRequestedFor(urlPathEqualTo(NTFY + "/" + topic))
                .withHeader("Authorization", equalTo("Bearer " + NTFY_TOKEN))
                .withHeader("Priority", equalTo("5"))
                .withHeader("Tags", equalTo("rotating_light"))
                .withHeader("Click", equalTo(ACK))
                .withRequestBody(containing("You are paged for incident " + incidentId)));
        // the headline is not ASCII (its dash, and alert text may be anything): RFC 2047, as ntfy decodes it
        String title = wire.findAll(postRequestedFor(urlPathEqualTo(NTFY + "/" + topic))).get(0).getHeader("Title");
        assertThat(MimeUtility.decodeText(title))
                .isEqualTo("[P1] " + incidentId + " Checkout <b>slow</b> & @channel — you are paged");

        String low = "bob-" + UUID.randomUUID();
        delivered(page(incidentId, "push", low, "low"));
        wire.verify(1, postRequestedFor(urlPathEqualTo(NTFY + "/" + low)).withHeader("Priority", equalTo("3")));
    }

    @Test
    void aProviderErrorIsRetriedOnceThenSent() {
        String topic = "retry-" + UUID.randomUUID();
        wire.stubFor(post(urlPathEqualTo(NTFY + "/" + topic)).atPriority(1).inScenario(topic)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500)));
        JsonPath row = delivered(page(incidentId, "push", topic, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getInt("attempts")).isEqualTo(2);
        wire.verify(2, postRequestedFor(urlPathEqualTo(NTFY + "/" + topic)));
    }

    @Test
    void smsGoesThroughTheFirstProviderWithBasicAuth() {
        String to = phone();
        JsonPath row = delivered(page(incidentId, "sms", to, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("provider")).isEqualTo("primary");
        assertThat(row.getString("providerId")).isEqualTo("SMprimary1");
        wire.verify(1, postRequestedFor(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID)))
                .withBasicAuth(new BasicCredentials(PRIMARY_SID, PRIMARY_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(to))
                .withFormParam("From", equalTo(PRIMARY_FROM))
                .withFormParam("Body", containing("[P1] " + incidentId))
                .withFormParam("Body", containing("Ack: " + ACK)));
        String body = wire.findAll(postRequestedFor(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID)))
                .withFormParam("To", equalTo(to))).get(0).formParameters().get("Body").firstValue();
        assertThat(body.length()).isLessThanOrEqualTo(320);
        wire.verify(0, postRequestedFor(urlPathEqualTo(messages(BACKUP, BACKUP_SID))).withFormParam("To", equalTo(to)));

        // the delivery receipt: the provider that sent it is asked what became of it
        String receipt = "notifications.find { it.id == '" + row.getString("id") + "' }.receipt";
        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(listing().get(receipt)));
        wire.verify(moreThanOrExactly(1), getRequestedFor(urlPathEqualTo(PRIMARY + "/2010-04-01/Accounts/" + PRIMARY_SID
                + "/Messages/SMprimary1.json")).withBasicAuth(new BasicCredentials(PRIMARY_SID, PRIMARY_TOKEN)));
    }

    @Test
    void theBackupProviderTakesOverWhenTheFirstErrors() {
        String to = phone();
        wire.stubFor(post(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID))).atPriority(1)
                .withFormParam("To", equalTo(to)).willReturn(aResponse().withStatus(503)));
        JsonPath row = delivered(page(incidentId, "sms", to, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("provider")).isEqualTo("backup");
        assertThat(row.getString("providerId")).isEqualTo("SMbackup1");
        assertThat(row.getInt("attempts")).isEqualTo(1);
        wire.verify(1, postRequestedFor(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID))).withFormParam("To", equalTo(to)));
        wire.verify(1, postRequestedFor(urlPathEqualTo(messages(BACKUP, BACKUP_SID)))
                .withBasicAuth(new BasicCredentials(BACKUP_SID, BACKUP_TOKEN))
                .withFormParam("From", equalTo(BACKUP_FROM)).withFormParam("To", equalTo(to)));
    }

    @Test
    void theBackupProviderTakesOverWhenTheFirstTimesOut() {
        String to = phone();
        // the headers come at once, the answer trickles in for longer than the test's channels.timeout (5s): the JDK
        // client's own request timeout would not fire, the bound on the whole exchange does
        wire.stubFor(post(urlPathEqualTo(calls(PRIMARY, PRIMARY_SID))).atPriority(1)
                .withFormParam("To", equalTo(to)).willReturn(aResponse().withStatus(201).withChunkedDribbleDelay(10, 15000)
                        .withBody("{\"sid\":\"CAlate\",\"status\":\"queued\",\"padding\":\"..........\"}")));
        JsonPath row = delivered(page(incidentId, "phone", to, "high"));

        assertThat(row.getString("status")).isEqualTo("sent");
        assertThat(row.getString("provider")).isEqualTo("backup");
        assertThat(row.getString("providerId")).isEqualTo("CAbackup1");
        wire.verify(1, postRequestedFor(urlPathEqualTo(calls(BACKUP, BACKUP_SID))).withFormParam("To", equalTo(to))
                .withFormParam("Twiml", containing("<Response><Say"))
                .withFormParam("Twiml", containing("incident " + incidentId))
                // TwiML is XML: the alert title is escaped
                .withFormParam("Twiml", containing("Checkout &lt;b&gt;slow&lt;/b&gt; &amp; @channel")));
    }

    @Test
    void aRefusedNumberFailsWithoutTryingTheBackup() {
        String to = phone();
        wire.stubFor(post(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID))).atPriority(1)
                .withFormParam("To", equalTo(to)).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\",\"status\":400}")));
        JsonPath row = delivered(page(incidentId, "sms", to, "high"));

        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("lastError")).contains("21211");
        wire.verify(0, postRequestedFor(urlPathEqualTo(messages(BACKUP, BACKUP_SID))).withFormParam("To", equalTo(to)));
    }

    @Test
    void aBadAddressIsRecordedFailedAndNothingIsSent() {
        JsonPath row = delivered(page(incidentId, "push", "../admin", "high"));
        assertThat(row.getString("status")).isEqualTo("failed");
        assertThat(row.getString("lastError")).isEqualTo("not an ntfy topic");
        assertThat(row.getInt("attempts")).isZero();
        JsonPath sms = delivered(page(incidentId, "sms", "call me", "high"));
        assertThat(sms.getString("status")).isEqualTo("failed");
        assertThat(sms.getString("lastError")).startsWith("not a phone number in E.164 form");
    }

    @Test
    void aRedeliveredRequestSendsNothingMore() {
        String topic = "once-" + UUID.randomUUID();
        NotificationRequested push = page(incidentId, "push", topic, "high");
        UUID eventId = events.send(push);
        settled(push);

        events.send(eventId, push);
        events.send(push);
        // a later request of the same incident is the marker: once it is settled, the repeats were handled before it
        delivered(page(incidentId, "push", "marker-" + UUID.randomUUID(), "high"));
        assertThat(listing().getList("notifications.findAll { it.id == '" + push.notificationId() + "' }")).hasSize(1);
        wire.verify(1, postRequestedFor(urlPathEqualTo(NTFY + "/" + topic)));
    }

    @Test
    void anUpdateReminderBySmsHasNoLink() {
        String to = phone();
        NotificationRequested reminder = new NotificationRequested(incidentId, UUID.randomUUID().toString(), null, 0, 0,
                null, "Sofia Reyes", "sms", to, "high", Severity.P1, "Checkout errors", "checkout", null, null,
                null, Instant.now(), NotificationRequested.UPDATE_REMINDER);
        JsonPath row = delivered(reminder);

        assertThat(row.getString("status")).isEqualTo("sent");
        String body = wire.findAll(postRequestedFor(urlPathEqualTo(messages(PRIMARY, PRIMARY_SID)))
                .withFormParam("To", equalTo(to))).get(0).formParameters().get("Body").firstValue();
        assertThat(body).contains("customer update due for " + incidentId).doesNotContain("http");
        assertThat(row.getString("purpose")).isEqualTo("update-reminder");
    }
}
