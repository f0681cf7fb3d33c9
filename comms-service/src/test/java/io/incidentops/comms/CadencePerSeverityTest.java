package io.incidentops.comms;

import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestClock;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The update cadence per severity, halved in emergency mode: a P1 (always in emergency mode) is due half its interval
 * after its last update and says so on the page; a P1 lowered to P3 is due after the P3's interval; the clock moves
 * on ({@link TestClock}) so that an interval passes at once.
 */
@QuarkusTest
@TestProfile(CadencePerSeverityTest.Intervals.class)
class CadencePerSeverityTest extends EventsTest {

    static final Duration P1 = Duration.ofMinutes(50);
    static final Duration P2 = Duration.ofMinutes(90);
    static final Duration P3 = Duration.ofHours(3);

    public static class Intervals implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("incidentops.comms.update-interval.p1", P1.toString(),
                    "incidentops.comms.update-interval.p2", P2.toString(),
                    "incidentops.comms.update-interval.p3", P3.toString());
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TestClock.class);
        }
    }

    @Inject
    TestClock clock;

    @Test
    void aP1InEmergencyModeIsDueAfterHalfItsInterval() {
        String incidentId = declaredPublicP1("queue backlog");
        Duration half = P1.dividedBy(2);
        Instant last = lastUpdate(incidentId);
        assertThat(nextDue(incidentId)).isEqualTo(last.plus(half));
        assertThat(latestBody(incidentId)).endsWith("Next update in 25 minutes.");

        // intake's escalation, delivered twice (the same event again, and a repeat): the interval is halved once
        handledThrice(new IncidentEscalated(incidentId, Severity.P1, true, "auto", Instant.now()));
        assertThat(nextDue(incidentId)).isEqualTo(last.plus(half));

        clock.advance(half.plusMinutes(1));
        UpdateDue due = EventCodec.decode(UpdateDue.class,
                events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1).get(0).value());
        assertThat(due.dueAt()).isEqualTo(last.plus(half));
        assertThat(due.lastUpdateAt()).isEqualTo(last);
        assertThat(nextDue(incidentId)).isEqualTo(last.plus(half).plus(half));
    }

    @Test
    void aSeverityChangeMovesTheDueTimeToTheNewSeveritysInterval() {
        String incidentId = declaredPublicP1("queue backlog");
        Instant last = lastUpdate(incidentId);

        // lowered to P3: out of emergency mode, due one P3 interval after the last update; redelivered, nothing moves
        handledThrice(new SeverityChanged(incidentId, Severity.P1, Severity.P3, "contained", "cmdr", Instant.now()));
        assertThat(nextDue(incidentId)).isEqualTo(last.plus(P3));

        // past the P3's interval (not a multiple of the P1's half): the reminder is the P3's due time
        clock.advance(P3.plusMinutes(1));
        UpdateDue due = EventCodec.decode(UpdateDue.class,
                events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1).get(0).value());
        assertThat(due.dueAt()).isEqualTo(last.plus(P3));

        // the page promises the P3's interval now
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        await().atMost(Duration.ofSeconds(30)).until(() -> latestBody(incidentId).endsWith("Next update in 3 hours."));
    }

    @Test
    void anEscalationInEmergencyModeHalvesTheInterval() {
        String incidentId = declaredPublicP1("queue backlog");
        Instant last = lastUpdate(incidentId);
        events.send(new SeverityChanged(incidentId, Severity.P1, Severity.P2, "fewer customers", "cmdr", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> last.plus(P2).equals(nextDue(incidentId)));

        events.send(new IncidentEscalated(incidentId, Severity.P2, true, "commander asked", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> last.plus(P2.dividedBy(2)).equals(nextDue(incidentId)));
    }

    /** Sends the event, the same record again (a redelivery) and a repeat of it, and waits until comms handled them. */
    private void handledThrice(IncidentEventData event) {
        UUID id = events.send(event);
        events.send(id, event);
        events.send(event);
        marker(event.incidentId());
    }

    /** Sends a commander assignment and waits until comms has it: every event sent before it has been handled. */
    private void marker(String incidentId) {
        String name = TestIds.unique("cmdr");
        events.send(new CommanderAssigned(incidentId, new Responder(name, "commander", name + "@example.com"),
                Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT COALESCE(commander_name, '') FROM tracked_incident WHERE incident_id = :id")
                        .setParameter("id", incidentId).getResultStream().findFirst().orElse(null))));
    }

    private Instant lastUpdate(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> (Instant) em
                .createQuery("select p.lastUpdateAt from PageIncident p where p.incidentId = :id")
                .setParameter("id", incidentId).getSingleResult());
    }
}
