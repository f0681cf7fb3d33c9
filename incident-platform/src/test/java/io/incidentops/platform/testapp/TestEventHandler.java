package io.incidentops.platform.testapp;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service-like handler of incident-events whose effect is one row per processed event; like a real service it
 * ignores some types ({@code pir.scheduled}) and refuses some events for good (an acknowledgement by
 * {@value #REFUSED_RESPONDER}). The row keeps the trace and the transaction the handler ran in. Acknowledgements by
 * {@code flaky-N} fail N times as a lost database connection does (SQLState 08006) before they take effect; those by
 * {@value #BROKEN_RESPONDER} fail every time with an unexpected error, and those by {@value #FIXABLE_RESPONDER} until
 * {@link #fix()} is called (a bug fixed by a new release). {@link #attempts} counts the tries per event.
 */
@ApplicationScoped
public class TestEventHandler implements IncidentEventHandler {

    public static final String REFUSED_RESPONDER = "nobody";
    public static final String BROKEN_RESPONDER = "broken";
    public static final String FLAKY_RESPONDER = "flaky-";
    public static final String FIXABLE_RESPONDER = "broken-until-fixed";

    private static volatile boolean fixed;

    private static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** How many times the handler was called with the event, failed attempts included. */
    public static int attempts(UUID eventId) {
        AtomicInteger n = ATTEMPTS.get(eventId);
        return n == null ? 0 : n.get();
    }

    /** Acknowledgements by {@value #FIXABLE_RESPONDER} take effect from now on. */
    public static void fix() {
        fixed = true;
    }

    @Inject
    EntityManager entityManager;

    @Override
    public boolean handles(EventType type) {
        return type != EventType.PIR_SCHEDULED;
    }

    @Override
    public void on(ReceivedEvent event) {
        if (event.data() instanceof IncidentAcknowledged ack && REFUSED_RESPONDER.equals(ack.responder())) {
            throw new PoisonRecordException("the test handler refuses acknowledgements by " + REFUSED_RESPONDER);
        }
        int attempt = ATTEMPTS.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (event.data() instanceof IncidentAcknowledged ack && BROKEN_RESPONDER.equals(ack.responder())) {
            throw new IllegalStateException("the test handler is broken for " + BROKEN_RESPONDER);
        }
        if (event.data() instanceof IncidentAcknowledged ack && FIXABLE_RESPONDER.equals(ack.responder()) && !fixed) {
            throw new IllegalStateException("the test handler has a bug for " + FIXABLE_RESPONDER);
        }
        if (event.data() instanceof IncidentAcknowledged ack && ack.responder().startsWith(FLAKY_RESPONDER)
                && attempt <= Integer.parseInt(ack.responder().substring(FLAKY_RESPONDER.length()))) {
            throw new IllegalStateException("the database went away",
                    new SQLException("An I/O error occurred while sending to the backend", "08006"));
        }
        SpanContext span = Span.current().getSpanContext();
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id, incident_id, trace_id, tx_id) "
                        + "VALUES (:id, :incident, :trace, txid_current())")
                .setParameter("id", event.id())
                .setParameter("incident", event.subject())
                .setParameter("trace", span.isValid() ? span.getTraceId() : null)
                .executeUpdate();
    }
}
