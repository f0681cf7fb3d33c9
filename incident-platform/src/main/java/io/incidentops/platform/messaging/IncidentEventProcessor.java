package io.incidentops.platform.messaging;

import io.incidentops.events.EventType;
import io.incidentops.platform.inbox.Inbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.time.temporal.ChronoUnit;

/**
 * How {@code incident-events} records are consumed: read the CloudEvent, then run the handler and record the
 * event ID in one transaction, at most once per event ID; events of a type the handler does not handle are skipped
 * before any of that. Transient failures (database, broker) are retried with exponential backoff; a poison record is
 * not retried but thrown on, so the channel sends it to the DLQ.
 */
@ApplicationScoped
public class IncidentEventProcessor {

    @Inject
    IncidentEventReader reader;

    @Inject
    Inbox inbox;

    @Retry(maxRetries = 6, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100,
            maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonRecordException.class)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void process(ConsumerRecord<String, String> record, IncidentEventHandler handler) {
        EventType type = reader.type(record);
        if (!handler.handles(type)) {
            return;
        }
        ReceivedEvent event = reader.read(record, type);
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.firstDelivery(event.id(), event.type().ceType())) {
                handler.on(event);
            }
        });
    }
}
