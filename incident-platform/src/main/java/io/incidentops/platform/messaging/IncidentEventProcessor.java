package io.incidentops.platform.messaging;

import io.incidentops.events.Topics;
import io.incidentops.platform.inbox.Inbox;
import io.incidentops.platform.messaging.IncidentEventsConsumer.PolledEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Runs the handler on events, each at most once per event ID: its effect and the inbox row that records the ID
 * commit together. Several events may share a transaction ({@link #processTogether}); each still starts from an
 * empty persistence context, as it would alone, so no event sees another's entities as they were loaded.
 */
@ApplicationScoped
public class IncidentEventProcessor {

    private static final Logger LOG = Logger.getLogger(IncidentEventProcessor.class);

    @Inject
    Inbox inbox;

    @Inject
    EntityManager entityManager;

    @Inject
    Tracer tracer;

    @Inject
    ConsumerRetries retries;

    /**
     * The events in one transaction, in order. False when it rolled back (the caller then processes them alone,
     * which tells a poison event from a passing failure).
     */
    public boolean processTogether(List<PolledEvent> events, IncidentEventHandler handler) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (PolledEvent event : events) {
                    apply(event, handler);
                    entityManager.flush();
                    entityManager.clear();
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf(e, "a batch of %d events rolled back; processing them one by one", events.size());
            return false;
        }
    }

    /**
     * One event in its own transaction, retried as {@link ConsumerRetries} says: transient failures (database,
     * broker) for as long as they last, others up to the third; a poison event is thrown on, for the caller to
     * dead-letter.
     */
    public void processAlone(PolledEvent event, IncidentEventHandler handler) {
        retries.run(Topics.INCIDENT_EVENTS, () -> QuarkusTransaction.requiringNew().run(() -> apply(event, handler)));
    }

    /** The handler, in the trace the event was produced in, unless this service has processed the event before. */
    private void apply(PolledEvent polled, IncidentEventHandler handler) {
        ReceivedEvent event = polled.event();
        Span span = polled.trace() == null ? Span.getInvalid()
                : tracer.spanBuilder(event.type().ceType() + " process").setSpanKind(SpanKind.CONSUMER)
                        .setParent(polled.trace()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            if (inbox.firstDelivery(event.id(), event.type().ceType())) handler.on(event);
        } finally {
            span.end();
        }
    }
}
