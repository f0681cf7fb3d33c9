package io.incidentops.intake.oncall;

import io.incidentops.events.EventType;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.sendEvent;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 7 of #9: comms' {@code comms.update-due} makes intake remind the incident's commander on their channels
 * ({@code incident.notification-requested}, purpose update-reminder), once per due time.
 */
@QuarkusTest
class CommanderReminderTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    private static boolean isReminder(NotificationRequested n) {
        return NotificationRequested.UPDATE_REMINDER.equals(n.purpose());
    }

    private List<NotificationRequested> remindersOnceThere(String id, int count) {
        return data(awaitEvents(kafka, id, r -> data(r, EventType.INCIDENT_NOTIFICATION_REQUESTED,
                        NotificationRequested.class).stream().filter(CommanderReminderTest::isReminder).count() >= count),
                EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class)
                .stream().filter(CommanderReminderTest::isReminder).toList();
    }

    @Test
    void theRosterCommanderIsEmailedOncePerDueTime() {
        String id = integration().body("{\"service\":\"" + unique("checkout") + "\",\"summary\":\"Checkout down\","
                + "\"severity\":\"P1\"}").post("/api/alerts").then().statusCode(202).extract().path("incidentId");
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UpdateDue first = new UpdateDue(id, due.minusSeconds(1800), due);
        UUID eventId = sendEvent(kafka, first);
        sendEvent(kafka, eventId, first);                             // redelivered: the inbox drops it
        sendEvent(kafka, new UpdateDue(id, due.minusSeconds(1800), due.plusSeconds(1800))); // the next due time

        List<NotificationRequested> reminders = remindersOnceThere(id, 2);
        assertThat(reminders).hasSize(2);
        NotificationRequested r = reminders.get(0);
        assertThat(r.channel()).isEqualTo("email");
        assertThat(r.address()).isEqualTo("sofia.reyes@example.com"); // the default team's commander
        assertThat(r.userName()).isEqualTo("Sofia Reyes");
        assertThat(r.title()).isEqualTo("Checkout down");
        assertThat(r.severity()).hasToString("P1");
        assertThat(r.rule()).isZero();
        assertThat(r.stepId()).isNull();
        assertThat(r.ackUrl()).isNull();
        assertThat(reminders.get(1).notificationId()).isNotEqualTo(r.notificationId());
        // the same due time announced again under a new event id asks for the same notification (comms sends it once)
        sendEvent(kafka, first);
        assertThat(remindersOnceThere(id, 3).get(2).notificationId()).isEqualTo(r.notificationId());
    }

    @Test
    void aCommanderWhoIsAnOnCallUserIsRemindedOnTheirFirstHighUrgencyChannels() {
        String user = "rita-reminder";
        String body = "{\"user\":{\"id\":\"" + user + "\",\"name\":\"Rita Reminder\",\"email\":\"rita.reminder@example.com\","
                + "\"contact_methods\":[{\"id\":\"mail\",\"type\":\"email\",\"address\":\"rita.reminder@example.com\"},"
                + "{\"id\":\"phone\",\"type\":\"sms\",\"address\":\"+15550123\"}],"
                + "\"notification_rules\":[{\"urgency\":\"high\",\"contact_method_id\":\"phone\",\"start_delay\":\"PT0S\"},"
                + "{\"urgency\":\"high\",\"contact_method_id\":\"mail\",\"start_delay\":\"PT2M\"}]}}";
        if (as("admin").body(body).post("/api/users").statusCode() == 409) {
            as("admin").body(body).put("/api/users/" + user).then().statusCode(200); // a database kept from a run before
        }
        String id = integration().body("{\"service\":\"" + unique("payroll") + "\",\"summary\":\"Payroll down\","
                + "\"severity\":\"P1\",\"labels\":{\"team\":\"reminders\"}}").post("/api/alerts").then().statusCode(202)
                .extract().path("incidentId");
        sendEvent(kafka, new UpdateDue(id, Instant.now().minusSeconds(1800), Instant.now()));

        NotificationRequested r = remindersOnceThere(id, 1).get(0);
        assertThat(r.channel()).isEqualTo("sms");
        assertThat(r.address()).isEqualTo("+15550123");
        assertThat(r.userId()).isEqualTo(user);
    }
}
