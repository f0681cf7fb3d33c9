package io.incidentops.comms.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;

import java.time.Instant;

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
