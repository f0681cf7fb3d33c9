package io.incidentops.executor.messaging;

import io.incidentops.events.Channels;
import io.incidentops.platform.messaging.IncidentEventProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** incident-events, through the platform's processor (inbox idempotency, retries, DLQ). */
@ApplicationScoped
public class IncidentEventsConsumer {

    @Inject
    IncidentEventProcessor processor;

    @Inject
    IncidentReactions reactions;

    @Incoming(Channels.EVENTS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, reactions::on);
    }
}
