package io.incidentops.platform.transaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
}
