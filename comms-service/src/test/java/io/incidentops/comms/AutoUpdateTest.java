package io.incidentops.comms;

import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventType;
import io.incidentops.events.model.IncidentStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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
        String incidentId = declaredPublicP1("backlog growing");
        long updates = updates(incidentId);

        overdue(incidentId, Instant.now().minus(1, ChronoUnit.MINUTES));
        events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1); // the commander is still reminded
        await().atMost(Duration.ofSeconds(30)).until(() -> updates(incidentId) == updates + 1);
        assertThat(latestBody(incidentId))
                .isEqualTo("We are continuing to investigate this issue. Next update in 30 minutes.");
        assertThat(nextDue(incidentId)).isAfter(Instant.now().plus(29, ChronoUnit.MINUTES));
    }

    @Test
    void anIdentifiedIncidentIsNotToldItIsStillBeingInvestigated() {
        String incidentId = declaredPublicP1("cache cluster down");
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        await().atMost(Duration.ofSeconds(30)).until(() -> latestBody(incidentId).contains("identified"));
        long updates = updates(incidentId);

        overdue(incidentId, Instant.now().minus(1, ChronoUnit.MINUTES));
        events.await(EventType.COMMS_UPDATE_DUE, incidentId, 1);
        assertThat(updates(incidentId)).as("only a person says what happens next").isEqualTo(updates);
    }

    private long updates(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM incident_update u JOIN page_incident p ON p.id = u.page_incident_id "
                                + "WHERE p.incident_id = :id").setParameter("id", incidentId).getSingleResult()).longValue());
    }
}
