package io.incidentops.comms;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.Mails;
import io.incidentops.comms.support.SmtpServerResource;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A page request from intake becomes one e-mail on a real SMTP server (GreenMail), recorded and listed per incident;
 * the same request again (redelivered, or repeated under a new event id) sends nothing more.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpServerResource.class, restrictToAnnotatedClass = false)
class PagingTest extends EventsTest {

    GreenMail smtp;

    static NotificationRequested page(String incidentId, String channel, String address, int rule) {
        return new NotificationRequested(incidentId, UUID.randomUUID().toString(), UUID.randomUUID().toString(), rule, 1,
                "PANN01", "Ann Example", channel, address, "high", Severity.P2, "Checkout <b>slow</b>", "checkout",
                "tok.en", "http://intake.example/ack/tok.en", Instant.now().plusSeconds(3600), Instant.now());
    }

    private List<MimeMessage> mailsTo(String address) {
        return Mails.to(smtp, address);
    }

    @Test
    void aPageIsMailedOnceAndListed() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String address = TestIds.unique("ann").replaceAll("[^A-Za-z0-9.-]", "") + "@example.com";
        NotificationRequested email = page(incidentId, "email", address, 1);
        UUID eventId = events.send(email);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() == 1);
        MimeMessage mail = mailsTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("[P2] " + incidentId + " Checkout <b>slow</b> — you are paged");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("http://intake.example/ack/tok.en").contains("Escalation rule 1, pass 1");

        // the same event redelivered, and the same request under a new event id: nothing more is sent
        events.send(eventId, email);
        events.send(email);
        // a later request of the same incident is the marker: once it is listed, the repeats were handled before it
        events.send(page(incidentId, "fax", "+15550100", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().extract().path("notifications.size()")
                .equals(2));
        given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200)
                .body("notifications", hasSize(2))
                .body("notifications[0].id", equalTo(email.notificationId()))
                .body("notifications[0].status", equalTo("sent"))
                .body("notifications[0].channel", equalTo("email"))
                .body("notifications[0].target", equalTo(address))
                .body("notifications[0].attempts", equalTo(1))
                .body("notifications[1].status", equalTo("unsupported"))
                .body("notifications[1].rule", equalTo(2));
        assertThat(mailsTo(address)).hasSize(1);
        given().get("/api/incidents/" + incidentId + "/notifications").then().statusCode(401);

        // announced once the mail server took it (the timeline's "paged"), once however often it was asked for
        List<NotificationSent> announced = events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 1).stream()
                .map(r -> EventCodec.decode(NotificationSent.class, r.value())).toList();
        assertThat(announced).singleElement().satisfies(sent -> {
            assertThat(sent.channel()).isEqualTo("email");
            assertThat(sent.audience()).isEqualTo("responders");
            assertThat(sent.kind()).isEqualTo("page");
            assertThat(sent.destination()).isEqualTo("Ann Example");
            assertThat(sent.subject()).isEqualTo(mail.getSubject());
        });
    }

    @Test
    void anUpdateReminderIsMailedToTheCommanderWithoutAnAckLink() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String address = TestIds.unique("sofia").replaceAll("[^A-Za-z0-9.-]", "") + "@example.com";
        NotificationRequested reminder = new NotificationRequested(incidentId, UUID.randomUUID().toString(), null, 0, 0,
                null, "Sofia Reyes", "email", address, "high", Severity.P1, "Checkout errors", "checkout", null, null,
                null, Instant.now(), NotificationRequested.UPDATE_REMINDER);
        events.send(reminder);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(address).size() == 1);
        MimeMessage mail = mailsTo(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("[P1] " + incidentId + " Checkout errors — a customer update is due");
        assertThat(GreenMailUtil.getBody(mail)).contains("Sofia Reyes", "incident commander of " + incidentId,
                "POST /api/incidents/" + incidentId + "/updates").doesNotContain("Acknowledge", "Escalation rule");
        given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200)
                .body("notifications", hasSize(1))
                .body("notifications[0].purpose", equalTo("update-reminder"))
                .body("notifications[0].status", equalTo("sent"));
    }
}
