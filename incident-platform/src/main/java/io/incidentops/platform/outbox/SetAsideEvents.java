package io.incidentops.platform.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox rows the broker refused for good, for a person: see them with their reason, send them again once the
 * cause is fixed (a broker's size limit raised), or drop one that can never be sent.
 */
@ApplicationScoped
public class SetAsideEvents {

    private static final Logger LOG = Logger.getLogger(SetAsideEvents.class);

    /** An event set aside: what it is, how often and why it was refused. */
    public record SetAsideEvent(UUID id, String type, String subject, int payloadChars, int attempts,
                                String lastError, Instant createdAt, Instant setAsideAt) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxRelay relay;

    public List<SetAsideEvent> list() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                        "FROM OutboxEvent e WHERE e.setAsideAt IS NOT NULL ORDER BY e.seq", OutboxEvent.class)
                .getResultList().stream()
                .map(e -> new SetAsideEvent(e.id, e.type, e.subject, e.payload.length(), e.attempts, e.lastError,
                        e.createdAt, e.setAsideAt))
                .toList());
    }

    /** Puts it back in line for the relay with its tries reset; false when no such event is set aside. */
    public boolean retry(UUID id, String by) {
        boolean found = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "UPDATE outbox_event SET set_aside_at = NULL, attempts = 0 "
                                + "WHERE id = :id AND set_aside_at IS NOT NULL")
                .setParameter("id", id).executeUpdate() == 1);
        if (found) {
            LOG.infof("outbox event %s set back in line by %s", id, by);
            relay.wakeUp();
        }
        return found;
    }

    /** Deletes it for good; false when no such event is set aside. */
    public boolean drop(UUID id, String by) {
        boolean found = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "DELETE FROM outbox_event WHERE id = :id AND set_aside_at IS NOT NULL")
                .setParameter("id", id).executeUpdate() == 1);
        if (found) {
            LOG.warnf("outbox event %s dropped by %s: it will never be sent", id, by);
        }
        return found;
    }
}
