package io.incidentops.platform.outbox;

import io.incidentops.platform.tracing.TraceParents;
import io.incidentops.platform.transaction.AfterCommit;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes events the only safe way: as rows written in the caller's transaction, so the state change and the
 * event that announces it commit (or roll back) together. The relay sends them once the transaction commits, in the
 * trace of the transaction that wrote them.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    @Inject
    EntityManager entityManager;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    /** Adds an event to the current transaction; returns its CloudEvents {@code id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(IncidentEventData data) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.type = EventType.of(data).ceType();
        row.subject = data.incidentId();
        row.payload = EventCodec.encode(data);
        row.createdAt = Instant.now(clock);
        row.traceparent = TraceParents.current();
        entityManager.persist(row);
        wakeRelayAfterCommit();
        return row.id;
    }

    /** One wake-up per transaction, however many events it publishes. */
    private void wakeRelayAfterCommit() {
        afterCommit.once(WAKE_UP_REGISTERED, relay::wakeUp);
    }
}
