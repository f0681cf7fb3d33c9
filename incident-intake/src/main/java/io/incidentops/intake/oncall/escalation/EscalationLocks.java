package io.incidentops.intake.oncall.escalation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One transaction-scoped advisory lock per incident's escalation: firing a step and cancelling the steps take turns,
 * so an acknowledgement never misses the follow-up step that a firing running at the same moment schedules.
 */
@ApplicationScoped
class EscalationLocks {

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void lock(String incidentId) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:name, 7151))) AS l")
                .setParameter("name", "escalation:" + incidentId).getSingleResult();
    }
}
