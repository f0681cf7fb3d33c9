package io.incidentops.comms;

import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.UpdateDue;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Next update in 30 minutes": a silent open incident gets one comms.update-due per due time. */
@QuarkusTest
class UpdateCadenceTest extends EventsTest {


    @Test
    void anOverdueIncidentIsAnnouncedOnceAndItsNextDueTimeMovesOn() {
        String incidentId = declaredPublicP1("backlog growing");
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


}
