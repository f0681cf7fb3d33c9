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

/**
 * A service-like handler of incident-events whose effect is one row per processed event; like a real service it
 * ignores some types ({@code pir.scheduled}) and refuses some events for good (an acknowledgement by
 * {@value #REFUSED_RESPONDER}). The row keeps the trace and the transaction the handler ran in.
 */
@ApplicationScoped
public class TestEventHandler implements IncidentEventHandler {

    public static final String REFUSED_RESPONDER = "nobody";

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
        SpanContext span = Span.current().getSpanContext();
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id, incident_id, trace_id, tx_id) "
                        + "VALUES (:id, :incident, :trace, txid_current())")
                .setParameter("id", event.id())
                .setParameter("incident", event.subject())
                .setParameter("trace", span.isValid() ? span.getTraceId() : null)
                .executeUpdate();
    }
}
