package io.incidentops.comms.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;

import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.incidentops.comms.support.StatusPageClient.incident;
import static org.awaitility.Awaitility.await;

/** What a test that sends incident events needs: the broker client (closed after each test) and comms' tables. */
public abstract class EventsTest {

    @Inject
    protected EntityManager em;

    protected final TestEvents events = new TestEvents();

    @AfterEach
    void closeEvents() {
        events.close();
    }

    /** When the incident's next public update is due (null when none is). */
    protected Instant nextDue(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> (Instant) em
                .createQuery("select p.nextUpdateDueAt from PageIncident p where p.incidentId = :id")
                .setParameter("id", incidentId).getSingleResult());
    }

    /** A P1 as intake declares it, once its public incident is on the page (shown against a new component). */
    protected String declaredPublicP1(String summary) {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("svc");
        String publicName = TestIds.unique("Public");
        Components.create(publicName, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, summary, null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                incident("/api/v2/summary.json", publicName + " experiencing a partial outage").isPresent());
        return incidentId;
    }

    /** As if the incident's last update were one 30-minute interval older than {@code due}. */
    protected void overdue(String incidentId, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE page_incident SET next_update_due_at = :due, last_update_at = :last WHERE incident_id = :id")
                .setParameter("due", due).setParameter("last", due.minus(30, ChronoUnit.MINUTES))
                .setParameter("id", incidentId).executeUpdate());
    }

    /** The text of the incident's latest public update. */
    protected String latestBody(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "SELECT u.body FROM incident_update u JOIN page_incident p ON p.id = u.page_incident_id "
                                + "WHERE p.incident_id = :id ORDER BY u.created_at DESC LIMIT 1")
                .setParameter("id", incidentId).getSingleResult());
    }

    /** The id of the incident's public incident; null while it has none. */
    protected String pageId(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("select p.id from PageIncident p where p.incidentId = :id", String.class)
                .setParameter("id", incidentId).getResultStream().findFirst().orElse(null));
    }
}
