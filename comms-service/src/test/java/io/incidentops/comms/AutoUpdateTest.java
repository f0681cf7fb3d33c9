package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventType;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code auto-update}: a due investigating incident says "we are continuing to investigate" on its own. */
@QuarkusTest
@TestProfile(AutoUpdateTest.AutoUpdate.class)
class AutoUpdateTest extends EventsTest {

    public static class AutoUpdate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("incidentops.comms.auto-update", "true");
        }
    }

    @Test
    void aDueInvestigatingIncidentGetsTheContinuingUpdateAndItsNextIntervalStartsNow() {
        String incidentId = declaredP1("backlog growing");
        long updates = updates(incidentId);

        overdue(incidentId);
        events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1); // the commander is still reminded
        await().atMost(Duration.ofSeconds(30)).until(() -> updates(incidentId) == updates + 1);
        assertThat(latestBody(incidentId))
                .isEqualTo("We are continuing to investigate this issue. Next update in 30 minutes.");
        assertThat(nextDue(incidentId)).isAfter(Instant.now().plus(29, ChronoUnit.MINUTES));
    }

    @Test
    void anIdentifiedIncidentIsNotToldItIsStillBeingInvestigated() {
        String incidentId = declaredP1("cache cluster down");
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        await().atMost(Duration.ofSeconds(30)).until(() -> latestBody(incidentId).contains("identified"));
        long updates = updates(incidentId);

        overdue(incidentId);
        events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1);
        assertThat(updates(incidentId)).as("only a person says what happens next").isEqualTo(updates);
    }

    private String declaredP1(String summary) {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("auto");
        String publicName = TestIds.unique("Auto");
        Components.create(publicName, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, summary, null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                incident("/api/v2/summary.json", publicName + " experiencing a partial outage").isPresent());
        return incidentId;
    }

    /** As if the last update were 31 minutes old. */
    private void overdue(String incidentId) {
        Instant due = Instant.now().minus(1, ChronoUnit.MINUTES);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE page_incident SET next_update_due_at = :due, last_update_at = :last WHERE incident_id = :id")
                .setParameter("due", due).setParameter("last", due.minus(30, ChronoUnit.MINUTES))
                .setParameter("id", incidentId).executeUpdate());
    }

    private long updates(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM incident_update u JOIN page_incident p ON p.id = u.page_incident_id "
                                + "WHERE p.incident_id = :id").setParameter("id", incidentId).getSingleResult()).longValue());
    }
}
