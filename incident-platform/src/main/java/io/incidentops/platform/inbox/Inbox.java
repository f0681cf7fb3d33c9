package io.incidentops.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.util.UUID;

/**
 * Idempotent consumption: records an event ID in the transaction of the event's effect. A redelivery (Kafka is
 * at least once, the outbox may resend) finds the ID and is skipped; a rollback forgets it with the effect.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager entityManager;

    /**
     * Claims the event for this service. Returns {@code false} when it was already processed; concurrent claims
     * by two replicas serialise on the primary key and only one gets {@code true}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String eventType) {
        int inserted = entityManager.createNativeQuery(
                        "INSERT INTO processed_event (event_id, event_type) VALUES (:id, :type) ON CONFLICT DO NOTHING")
                // touches only its own table: no flush of the handler's pending changes and no cache-wide cleanup,
                // which a native statement with unknown tables costs on every event (measured on the reporter)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("processed_event")
                .setParameter("id", eventId)
                .setParameter("type", eventType)
                .executeUpdate();
        return inserted == 1;
    }
}
