package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.InjectWireMock;
import io.incidentops.comms.support.Mails;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.comms.support.WebhookReceiverResource;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * {@code recovery.failed} (seed step 6 back to 5), in the order the events come: the executor's recovery.failed, then
 * intake's status-changed MONITORING → INVESTIGATING. The page stops saying a fix is in place, in customers' words; the
 * commander is told over the responders' webhook and by e-mail.
 */
@QuarkusTest
class RecoveryFailedTest extends EventsTest {

    private static final String REASON = "health check of checkout-7f9c answered HTTP 503 for 30 min";

    @InjectWireMock
    WireMockServer webhooks;

    GreenMail smtp;

    @Test
    void thePageSaysTheInvestigationContinuesAndTheCommanderIsTold() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("checkout");
        String publicName = TestIds.unique("Checkout");
        String commander = TestIds.unique("sofia") + "@example.com";
        Components.create(publicName, service);
        String name = publicName + " experiencing a partial outage";
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "elevated error rates", "failed payments",
                Instant.now().minus(20, ChronoUnit.MINUTES)));
        events.send(new CommanderAssigned(incidentId, new Responder("Sofia", "commander", commander), Instant.now()));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.MITIGATING, IncidentStatus.MONITORING));
        RecoveryFailed failure = new RecoveryFailed(incidentId, "m-1", REASON, Instant.now());
        events.send(failure);
        events.send(failure); // the same failure published again (a new event id): told once
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.MONITORING, IncidentStatus.INVESTIGATING));
        // marker: identified again; what the events before it caused is on the topic before its update
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));

        List<ConsumerRecord<String, String>> upToIdentified = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "identified".equals(u.status())));
        List<StatusPageUpdated> posted = upToIdentified.stream().filter(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED))
                .map(r -> EventCodec.decode(StatusPageUpdated.class, r.value())).toList();
        // one "investigating" for the failed fix; intake's INVESTIGATING that follows posts nothing
        assertThat(posted).extracting(StatusPageUpdated::status)
                .containsExactly("investigating", "monitoring", "investigating", "identified");
        String body = "The fix we put in place has not fully resolved the issue. We are continuing to investigate and "
                + "our team is actively working on it. Next update in 30 minutes.";
        assertThat(posted.get(2).body()).isEqualTo(body);
        assertThat(upToIdentified.stream().filter(TestEvents.ofType(EventType.COMMS_NOTIFICATION_SENT))
                .map(r -> EventCodec.decode(NotificationSent.class, r.value()))
                .filter(n -> "webhook".equals(n.channel()) && n.subject().contains("recovery failed")))
                .as("the responders' room is told of the failure once").hasSize(1);

        Map<String, Object> incident = incident("/api/v2/incidents.json", name).orElseThrow();
        List<Map<String, Object>> updates = updates(incident);
        assertThat(updates.get(1).get("status")).isEqualTo("investigating");
        assertThat(updates.get(1).get("body")).isEqualTo(body);
        assertThat(updates).allSatisfy(u -> assertThat(u.get("body").toString()).doesNotContain("503", "checkout-7f9c"));

        // the commander: on the responders' webhook, named, and mailed the same notice
        String subject = "[P1 High] " + incidentId + " recovery failed: " + REASON;
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.findAll(
                postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                        .withRequestBody(containing(subject))
                        .withRequestBody(containing("Commander: Sofia"))
                        .withRequestBody(containing("Public status page: " + incident.get("shortlink")))).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> Mails.to(smtp, commander).size() == 1);
        MimeMessage mail = Mails.to(smtp, commander).get(0);
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(mail.getContent().toString()).contains("back to investigating", "awaits the commander's approval");
        given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200)
                .body("notifications", hasSize(1))
                .body("notifications[0].purpose", equalTo("commander-notice"))
                .body("notifications[0].target", equalTo(commander));
    }

    @Test
    void aNonPublicIncidentStaysOffThePageAndACommanderWithoutAnAddressIsToldOnTheWebhookOnly() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("batch");
        events.send(TestEvents.declared(incidentId, Severity.P3, service, "nightly job late", null,
                Instant.now().minus(10, ChronoUnit.MINUTES)));
        events.send(new CommanderAssigned(incidentId, new Responder("Omar", "commander", "@omar on chat"), Instant.now()));
        events.send(new RecoveryFailed(incidentId, null, "job still stuck", Instant.now()));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.MONITORING, IncidentStatus.INVESTIGATING));

        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.findAll(
                postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                        .withRequestBody(containing("[P3 Low] " + incidentId + " recovery failed: job still stuck"))
                        .withRequestBody(containing("Commander: Omar"))
                        .withRequestBody(containing("No public status-page incident"))).isEmpty());
        assertThat(pageId(incidentId)).isNull();
        given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200)
                .body("notifications", hasSize(0));
    }
}
