package io.incidentops.reporter;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.reporter.IncidentLifecycleTest.REPORTS;
import static io.incidentops.reporter.TestEvents.REPORTER;
import static io.incidentops.reporter.TestEvents.awaitResolved;
import static io.incidentops.reporter.TestEvents.send;
import static io.incidentops.reporter.TestEvents.viewer;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Item 10 of #9: the PIR invite is an iTIP REQUEST announced for comms to mail, and served over HTTP. */
@QuarkusTest
class PirInviteTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aP1InvitesTheCommanderAndEveryoneReachedByEmailToASlotBeforeTheDeadline() throws Exception {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-05-03T08:00:00Z");     // a Friday
        Instant resolved = Instant.parse("2024-05-03T10:00:00Z"); // PIR due Sunday 10:00 UTC
        send(kafka, new IncidentDeclared(id, "Checkout errors", null, "checkout", Severity.P1,
                IncidentType.SERVICE_OUTAGE, IncidentStatus.DECLARED, "alertmanager", "fp-1", Map.of(), null, t0, t0));
        send(kafka, new RespondersPaged(id, Severity.P1, List.of(new Responder("Alice", "on-call", "alice@example.com"),
                new Responder("Bob", "engineering-lead", null)), t0.plusSeconds(5)));
        send(kafka, new CommanderAssigned(id, new Responder("Sofia Reyes", "incident-commander", "sofia@example.com"),
                t0.plusSeconds(10)));
        send(kafka, page(id, "u-priya", "Priya", "email", "priya@example.com", t0.plusSeconds(20)));
        send(kafka, page(id, "u-alice", "Alice A.", "email", "ALICE@example.com", t0.plusSeconds(21))); // known address
        send(kafka, page(id, "u-sam", "Sam", "sms", "+15550100", t0.plusSeconds(22)));                  // no address
        send(kafka, new IncidentResolved(id, Severity.P1, IncidentType.SERVICE_OUTAGE, "Checkout errors", "checkout",
                "Pool exhausted", "Sofia Reyes", t0, t0, t0.plusSeconds(60), null, resolved));
        awaitResolved(id);

        List<ConsumerRecord<String, String>> announced = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && REPORTER.equals(header(r, "ce_source")), l -> l.size() >= 3);
        assertThat(announced).extracting(r -> header(r, "ce_type")).containsExactly(EventType.REPORT_PUBLISHED.ceType(),
                EventType.PIR_SCHEDULED.ceType(), EventType.PIR_INVITE_REQUESTED.ceType());
        PirInviteRequested invite = EventCodec.decode(PirInviteRequested.class, announced.get(2).value());

        assertThat(invite.attendees()).extracting(Responder::contact)
                .containsExactly("sofia@example.com", "alice@example.com", "priya@example.com");
        assertThat(invite.organizer().contact()).isEqualTo("incidentops@localhost");
        assertThat(invite.sequence()).isZero();
        assertThat(invite.inviteId()).isEqualTo(UUID.nameUUIDFromBytes(("pir-invite/" + id + "/0").getBytes()).toString());
        assertThat(invite.dueBy()).isEqualTo(Instant.parse("2024-05-05T10:00:00Z"));
        // the latest working hour (09:00-17:00 UTC, Monday to Friday) that ends by the Sunday deadline
        assertThat(invite.start()).isEqualTo(Instant.parse("2024-05-03T16:00:00Z"));
        assertThat(invite.end()).isEqualTo(Instant.parse("2024-05-03T17:00:00Z"));
        assertThat(invite.subject()).isEqualTo("Post-Incident Review: " + id + " — Checkout errors");

        Calendar calendar = new CalendarBuilder().build(new StringReader(invite.calendar()));
        calendar.validate(); // RFC 5545 and iTIP REQUEST rules (ical4j)
        assertThat(calendar.getProperty(Property.METHOD).map(Property::getValue)).contains("REQUEST");
        String unfolded = invite.calendar().replace("\r\n ", "");
        assertThat(unfolded).contains("UID:pir-" + id + "@incidentops", "SEQUENCE:0",
                "DTSTART:20240503T160000Z", "DTEND:20240503T170000Z",
                "ORGANIZER;CN=IncidentOps:mailto:incidentops@localhost",
                "ATTENDEE;CN=Sofia Reyes;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sofia@example.com",
                "RSVP=TRUE:mailto:alice@example.com", "RSVP=TRUE:mailto:priya@example.com")
                .doesNotContain("+15550100", "Bob");

        // served over HTTP and written next to the PIR, the same calendar that is mailed
        String served = viewer().accept("text/calendar").get("/api/incidents/{id}/pir/invite.ics", id).then()
                .statusCode(200).contentType("text/calendar;charset=UTF-8").extract().asString();
        assertThat(served).isEqualTo(invite.calendar());
        assertThat(Files.readString(REPORTS.resolve("pir-" + id + ".ics"))).isEqualTo(invite.calendar());
    }

    @Test
    void noInviteIsServedForAnUnknownIncident() {
        viewer().get("/api/incidents/{id}/pir/invite.ics", TestIds.newIncidentId()).then().statusCode(404);
    }

    private static NotificationRequested page(String id, String userId, String name, String channel, String address,
                                              Instant at) {
        return new NotificationRequested(id, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1, 1, userId,
                name, channel, address, "high", Severity.P1, "Checkout errors", "checkout", null, null, null, at);
    }
}
