package io.incidentops.platform.transaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * Transaction-scoped PostgreSQL advisory locks by name: replicas (and threads) that must decide the same thing in
 * turn (declare or attach for one group, fire or cancel one escalation) serialise on the name until commit, so the
 * second one sees the first one's committed result. Names are taken within the service's schema: advisory locks are
 * per database, and services sharing one must not wait for each other.
 */
@ApplicationScoped
public class AdvisoryLocks {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String name) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || :name, 7151))) AS l")
                .setParameter("name", name).getSingleResult();
    }

    /**
     * Several locks in one round trip, taken in the list's order: callers that may lock overlapping names sort them
     * the same way, so they never wait for each other in a cycle.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAll(List<String> names) {
        if (names.isEmpty()) return;
        em.unwrap(Session.class).doWork(connection -> {
            // volatile functions in the select list are evaluated after the sort: in the list's order
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT count(*) FROM (
                        SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || n, 7151))
                        FROM unnest(?::text[]) WITH ORDINALITY AS t(n, o) ORDER BY o) AS l""")) {
                lock.setArray(1, connection.createArrayOf("text", names.toArray()));
                lock.executeQuery().close();
            }
        });
    }
}
