package io.incidentops.comms;

import io.incidentops.testsupport.TestIds;
import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.model.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.incidentops.comms.support.StatusPageClient.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Next update in 30 minutes": a silent open incident gets one comms.update-due per due time. */
@QuarkusTest
class UpdateCadenceTest extends EventsTest {


    @Test
    void anOverdueIncidentIsAnnouncedOnceAndItsNextDueTimeMovesOn() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("queue");
        String publicName = TestIds.unique("Queue");
        Components.create(publicName, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "backlog growing", null,
                Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                incident("/api/v2/summary.json", publicName + " experiencing a partial outage").isPresent());
        assertThat(nextDue(incidentId)).isAfter(Instant.now().plus(29, ChronoUnit.MINUTES));

        // as if the last update were 31 minutes old
        Instant due = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        overdue(incidentId, due);

        UpdateDue event = EventCodec.decode(UpdateDue.class,
                events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1).get(0).value());
        assertThat(event.dueAt()).isEqualTo(due);
        assertThat(event.lastUpdateAt()).isEqualTo(due.minus(30, ChronoUnit.MINUTES));
        assertThat(nextDue(incidentId)).isEqualTo(due.plus(30, ChronoUnit.MINUTES));

        // marker: a second due time; another reminder for the first one would be on the topic before its reminder
        Instant secondDue = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        overdue(incidentId, secondDue);
        List<Instant> announced = events.awaitThrough(incidentId,
                        TestEvents.event(EventType.COMMS_UPDATE_DUE, UpdateDue.class, u -> secondDue.equals(u.dueAt())))
                .stream().filter(TestEvents.ofType(EventType.COMMS_UPDATE_DUE))
                .map(r -> EventCodec.decode(UpdateDue.class, r.value()).dueAt()).toList();
        assertThat(announced).containsExactly(due, secondDue);
    }

    /** As if the last update were one interval older than {@code due}. */
    private void overdue(String incidentId, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE page_incident SET next_update_due_at = :due, last_update_at = :last WHERE incident_id = :id")
                .setParameter("due", due).setParameter("last", due.minus(30, ChronoUnit.MINUTES))
                .setParameter("id", incidentId).executeUpdate());
    }

}
