package io.incidentops.intake.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Transaction-scoped PostgreSQL advisory locks: replicas deciding "declare or attach" for the same dedup key (or
 * declaring the same caller-supplied ID) take turns, so the second one sees the first one's committed incident.
 */
@ApplicationScoped
public class Locks {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String name) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:name, 7151)) ) AS l")
                .setParameter("name", name).getSingleResult();
    }
}
