package io.incidentops.comms;

import com.icegreen.greenmail.util.GreenMail;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.Mails;
import io.incidentops.comms.support.SmtpServerResource;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Item 10 of #9: the reporter's PIR invite reaches each attendee once on a real SMTP server (GreenMail), as an
 * iCalendar request attachment a calendar client can read, and is listed with the incident's notifications.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpServerResource.class, restrictToAnnotatedClass = false)
class PirInviteMailTest extends EventsTest {

    GreenMail smtp;

    @Test
    void eachAttendeeGetsTheCalendarRequestOnce() throws Exception {
        String incidentId = TestIds.newIncidentId();
        String commander = address("sofia");
        String responder = address("alice");
        PirInviteRequested invite = invite(incidentId, UUID.randomUUID().toString(), commander, responder);
        UUID eventId = events.send(invite);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(commander).size() == 1 && mailsTo(responder).size() == 1);
        MimeMessage mail = mailsTo(commander).get(0);
        assertThat(mail.getSubject()).isEqualTo("Post-Incident Review: " + incidentId + " — Checkout errors");
        Part attachment = calendarPart(mail);
        ContentType type = new ContentType(attachment.getContentType());
        assertThat(type.getBaseType()).isEqualTo("text/calendar");
        assertThat(type.getParameter("method")).isEqualTo("REQUEST");
        assertThat(attachment.getFileName()).isEqualTo("pir-invite.ics");
        Calendar calendar;
        try (InputStream in = attachment.getInputStream()) {
            calendar = new CalendarBuilder().build(in);
        }
        calendar.validate();
        assertThat(calendar.getProperty(Property.METHOD).map(Property::getValue)).contains("REQUEST");
        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees.stream().map(Property::getValue).toList()).containsExactly("mailto:" + commander, "mailto:" + responder);

        // redelivered, and repeated under a new event id: nobody is mailed again
        events.send(eventId, invite);
        events.send(invite);
        // marker: the incident's next invite (a re-resolution's, another inviteId) follows the repeats on its
        // partition, so once it is mailed the repeats were handled
        PirInviteRequested update = invite(incidentId, UUID.randomUUID().toString(), commander);
        events.send(update);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(commander).size() == 2);
        assertThat(mailsTo(responder)).hasSize(1);

        given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().statusCode(200)
                .body("notifications", hasSize(3))
                .body("notifications.purpose", everyItem(equalTo("pir-invite")))
                .body("notifications.channel", everyItem(equalTo("email")))
                .body("notifications[0].status", equalTo("sent"))
                .body("notifications.target", org.hamcrest.Matchers.hasItems(commander, responder));
    }

    private PirInviteRequested invite(String incidentId, String inviteId, String... addresses) {
        Instant start = Instant.parse("2024-05-03T16:00:00Z");
        List<Responder> attendees = new ArrayList<>();
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nPRODID:-//IncidentOps//test//EN\r\nVERSION:2.0\r\n"
                + "CALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTAMP:20240503T100000Z\r\n"
                + "DTSTART:20240503T160000Z\r\nDTEND:20240503T170000Z\r\nSUMMARY:Post-Incident Review\r\n"
                + "UID:pir-" + incidentId + "@incidentops\r\nSEQUENCE:0\r\n"
                + "ORGANIZER;CN=IncidentOps:mailto:incidentops@localhost\r\n");
        for (String a : addresses) {
            attendees.add(new Responder(a.substring(0, a.indexOf('@')), "on-call", a));
            ics.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:").append(a).append("\r\n");
        }
        ics.append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        return new PirInviteRequested(incidentId, inviteId, 0, "Post-Incident Review: " + incidentId + " — Checkout errors",
                "Post-incident review (REQUIRED) of " + incidentId, new Responder("IncidentOps", "organizer",
                "incidentops@localhost"), attendees, start, start.plus(Duration.ofHours(1)),
                Instant.parse("2024-05-05T10:00:00Z"), ics.toString(), Instant.now());
    }

    private static String address(String name) {
        return TestIds.unique(name).replaceAll("[^A-Za-z0-9.-]", "") + "@example.com";
    }

    private static Part calendarPart(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/calendar")) return part;
        }
        throw new AssertionError("no text/calendar part in " + mail.getContentType());
    }

    private List<MimeMessage> mailsTo(String address) {
        return Mails.to(smtp, address);
    }
}
